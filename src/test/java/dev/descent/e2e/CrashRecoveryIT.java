package dev.descent.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch the API acknowledged survives the server being killed right afterwards (SIGKILL: an OOM kill, a
 * container stopped without grace): the training job will not send it again, so it must already be on disk.
 */
class CrashRecoveryIT {

    private static final String TOKEN = "crash-recovery-test-token";
    private static final int BATCHES = 10;
    private static final int BATCH = 1_000;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void acknowledged_points_survive_a_kill_right_after_the_response() throws Exception {
        long runId;
        PackagedApp.Server first = PackagedApp.Server.start(dataDir, Map.of("DESCENT_INGEST_TOKEN", TOKEN));
        try {
            runId = json.readTree(send(first.url("/api/v1/runs"), "{\"project\": \"crash\", \"name\": \"killed\"}"))
                    .get("id").asLong();
            for (int b = 0; b < BATCHES; b++) {
                StringBuilder body = new StringBuilder("{\"points\": [");
                for (int i = 0; i < BATCH; i++) {
                    int iteration = b * BATCH + i;
                    body.append(i == 0 ? "" : ",").append("{\"iteration\": ").append(iteration)
                            .append(", \"loss\": ").append(1.0 / (iteration + 1)).append('}');
                }
                send(first.url("/api/v1/runs/" + runId + "/points"), body.append("]}").toString());
            }
        } finally {
            first.kill();
        }

        PackagedApp.Server second = PackagedApp.Server.start(dataDir, Map.of("DESCENT_INGEST_TOKEN", TOKEN));
        try {
            JsonNode series = json.readTree(get(second.url("/api/v1/runs/" + runId
                    + "/points?series=loss&maxPoints=100000")));
            JsonNode run = json.readTree(get(second.url("/api/v1/runs/" + runId)));

            assertThat(series.get("totalPoints").asInt()).as("every acknowledged point").isEqualTo(BATCHES * BATCH);
            assertThat(series.get("points").get(BATCHES * BATCH - 1).get("value").asDouble())
                    .isEqualTo(1.0 / (BATCHES * BATCH));
            assertThat(run.get("pointCount").asLong()).isEqualTo(BATCHES * BATCH);

            long next = json.readTree(send(second.url("/api/v1/runs"), "{\"project\": \"crash\", \"name\": \"after\"}"))
                    .get("id").asLong();
            List<Long> ids = new ArrayList<>();
            json.readTree(get(second.url("/api/v1/runs"))).forEach(r -> ids.add(r.get("id").asLong()));
            ids.sort(null);
            assertThat(next).as("a new run after the restart").isGreaterThan(runId);
            assertThat(ids).as("run ids stay consecutive across a kill and a restart (no reserved block skipped)")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(ids.getFirst(), ids.getLast()).boxed().toList());
        } finally {
            second.kill();
        }
    }

    private String send(String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
