package dev.descent.ingest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the run-creation body: any JSON is a valid request within every
 * documented limit, or a 400 naming the field — never another exception (issue 11: oversized params were a 500).
 */
class NewRunRequestFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"name\": ", "\"project\": ", "\"params\": {", "\"tags\": [", "\"\\u202E\"",
            "\"\\u200B\"", "\"\\u0000\"", "null", "[]", "{}"})
    void any_json_body_is_a_valid_run_or_a_400(FuzzedDataProvider data) {
        JsonNode body;
        try {
            body = JSON.readTree(data.consumeRemainingAsString());
        } catch (JacksonException notJson) {
            return; // answered by the API's unreadable-body handling, tested in RunsApiTest
        }
        if (body == null) {
            return;
        }
        NewRunRequest request;
        try {
            request = NewRunRequest.parse(body, JSON);
        } catch (ApiProblem refused) {
            assertThat(refused.status.value()).isEqualTo(400);
            assertThat(refused.getMessage()).containsPattern("^(body|project|name|params|tags(\\[\\d+])?):");
            return;
        }
        assertThat(request.name()).isNotBlank().hasSizeLessThanOrEqualTo(250);
        assertThat(request.project()).isNotBlank().hasSizeLessThanOrEqualTo(200);
        assertThat(request.tags()).hasSizeLessThanOrEqualTo(NewRunRequest.MAX_TAGS)
                .allSatisfy(tag -> assertThat(tag).isNotBlank().hasSizeLessThanOrEqualTo(NewRunRequest.MAX_TAG_LENGTH));
        assertThat(JSON.writeValueAsString(request.params()).length()).isLessThanOrEqualTo(NewRunRequest.MAX_PARAMS_CHARS);
    }
}
