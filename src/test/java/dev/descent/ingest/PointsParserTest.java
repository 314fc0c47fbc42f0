package dev.descent.ingest;

import dev.descent.run.NewPoint;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The streaming points reader: the rules of docs/api.md, and refusals only after the whole body is read. */
class PointsParserTest {

    private static final long NOW = 1_764_300_000_000L;
    private final JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private List<NewPoint> parse(String body) {
        return parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private List<NewPoint> parse(InputStream body) {
        try (JsonParser parser = json.createParser(body)) {
            return PointsParser.parse(parser, NOW);
        }
    }

    private ApiProblem refusal(String body) {
        return catchThrowableOfType(ApiProblem.class, () -> parse(body));
    }

    @Test
    void reads_loss_metrics_epochs_timestamps_and_non_finite_values() {
        List<NewPoint> points = parse("""
                {"run": "ignored", "points": [
                  {"iteration": 120, "epoch": 1.2, "loss": 0.53, "timestamp": 1764300000001,
                   "metrics": {"val_loss": 0.61, "accuracy": null, "nested/name 1": "Infinity"}, "note": {"a": [1]}},
                  {"iteration": 121.0, "loss": NaN, "metrics": null},
                  {"loss": -Infinity, "iteration": 122}
                ]}""");

        assertThat(points).containsExactly(
                new NewPoint("loss", 120, 1.2, 0.53, 1_764_300_000_001L),
                new NewPoint("val_loss", 120, 1.2, 0.61, 1_764_300_000_001L),
                new NewPoint("nested/name 1", 120, 1.2, Double.POSITIVE_INFINITY, 1_764_300_000_001L),
                new NewPoint("loss", 121, null, Double.NaN, NOW),
                new NewPoint("loss", 122, null, Double.NEGATIVE_INFINITY, NOW));
    }

    @Test
    void a_repeated_key_counts_once_with_its_last_value() {
        assertThat(parse("{\"points\": [{\"iteration\": 1, \"loss\": 9}], \"points\": [{\"iteration\": 2, \"loss\": 1, \"loss\": 2}]}"))
                .containsExactly(new NewPoint("loss", 2, null, 2.0, NOW));
    }

    @Test
    void integers_beyond_a_long_and_fractions_are_not_iterations() {
        assertThat(refusal(points("{\"iteration\": 99999999999999999999999, \"loss\": 1}")).getMessage())
                .isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(refusal(points("{\"iteration\": 2.5, \"loss\": 1}")).getMessage())
                .isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(refusal(points("{\"iteration\": true, \"loss\": 1}")).getMessage())
                .isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(refusal(points("{\"iteration\": 1, \"loss\": {\"v\": 1}}")).getMessage())
                .isEqualTo("points[0].loss: must be a number (NaN, Infinity and -Infinity allowed)");
        assertThat(refusal(points("{\"iteration\": 1, \"loss\": 1, \"metrics\": {\"loss\": 2}}")).getMessage())
                .isEqualTo("points[0].metrics.loss: duplicates the point's loss field; send it once");
        assertThat(refusal(points("{\"iteration\": 1, \"metrics\": [1]}")).getMessage())
                .isEqualTo("points[0].metrics: must be an object of series name to number");
    }

    @Test
    void malformed_json_is_reported_as_such_even_after_an_invalid_point() {
        ApiProblem problem = refusal("{\"points\": [{\"iteration\": -1, \"loss\": 1}, {\"iteration\": 2,, }]}");
        assertThat(problem.status).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.getMessage()).startsWith("body: malformed JSON (");

        assertThat(refusal("{\"points\": []} {\"points\": []}").getMessage())
                .isEqualTo("body: malformed JSON (unexpected content after the object)");
        assertThat(refusal("[1, 2").getMessage()).startsWith("body: malformed JSON (");
        assertThat(refusal("").getMessage()).isEqualTo("body: must be a JSON object with a \"points\" array");
        assertThat(refusal("{\"points\": {\"iteration\": 1}}").getMessage()).isEqualTo("points: required, must be an array");
    }

    @Test
    void more_than_ten_thousand_points_are_refused_with_the_count_even_when_some_are_invalid() {
        String many = points(IntStream.range(0, 10_050)
                .mapToObj(i -> i == 3 ? "{\"iteration\": -1, \"loss\": 1}" : "{\"iteration\": " + i + ", \"loss\": 1}")
                .toArray(String[]::new));

        ApiProblem problem = refusal(many);

        assertThat(problem.status).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(problem.getMessage()).isEqualTo(
                "points: at most 10000 points per request, got 10050; send them in several batches");
    }

    @Test
    void errors_are_reported_for_at_most_fifty_points() {
        ApiProblem problem = refusal(points(IntStream.range(0, 80)
                .mapToObj(i -> "{\"iteration\": -1, \"loss\": 1}").toArray(String[]::new)));

        assertThat(problem.errors).hasSize(50).first().isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(problem.getMessage()).isEqualTo("points[0].iteration: must be an integer >= 0 (and 49 more)");
    }

    @Test
    void a_body_cut_off_by_the_size_limit_is_refused_with_413() {
        byte[] start = "{\"points\": [{\"iteration\": 1, \"loss\": 1}, ".getBytes(StandardCharsets.UTF_8);
        InputStream overLimit = new InputStream() {
            int read;

            @Override
            public int read() throws IOException {
                if (read < start.length) {
                    return start[read++];
                }
                throw new RequestSizeLimit.TooLarge();
            }
        };

        assertThatThrownBy(() -> parse(overLimit))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(problem.getMessage()).isEqualTo(RequestSizeLimit.MESSAGE);
                });
    }

    private static String points(String... points) {
        return "{\"points\": [" + List.of(points).stream().collect(Collectors.joining(", ")) + "]}";
    }
}
