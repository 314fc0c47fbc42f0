package dev.descent.ingest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.run.NewPoint;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the points parser (Jazzer): whatever the body, the answer is a list of valid
 * points or a refusal ({@link ApiProblem}, a 4xx) — never another exception, which the API would turn into a 500.
 * In {@code ./mvnw verify} it fuzzes for a short budget; {@code ./mvnw -Pfuzz verify} fuzzes longer. Inputs
 * that once failed are kept under src/test/resources/dev/descent/ingest/PointsParserFuzzTestInputs and
 * replayed by every build.
 */
class PointsParserFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"{\"points\": [", "]}", "{\"iteration\": ", "\"epoch\": ", "\"loss\": ",
            "\"timestamp\": ", "\"metrics\": {", "NaN", "Infinity", "-Infinity", "\"NaN\"", "1e308", "-1",
            "9223372036854775807", "9223372036854775808", "null", "true", "\"val_loss\": "})
    void any_body_is_parsed_or_refused_with_a_4xx(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        List<NewPoint> points;
        try (JsonParser parser = JSON.createParser(body)) {
            points = PointsParser.parse(parser, 1_000L);
        } catch (ApiProblem refused) {
            assertThat(refused.status.is4xxClientError()).as(refused.getMessage()).isTrue();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(points.size()).isLessThanOrEqualTo(PointsParser.MAX_VALUES);
        for (NewPoint p : points) {
            assertThat(p.iteration()).isNotNegative();
            assertThat(PointsParser.SERIES_NAME.matcher(p.series()).matches()).isTrue();
            assertThat(p.epoch() == null || (Double.isFinite(p.epoch()) && p.epoch() >= 0)).isTrue();
            assertThat(p.timestamp()).isNotNegative();
        }
    }
}
