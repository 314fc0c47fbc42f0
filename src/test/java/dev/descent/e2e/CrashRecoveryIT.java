package dev.descent.e2e;

import dev.descent.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch the API acknowledged survives the server being killed (SIGKILL: an OOM kill, a container stopped
 * without grace) while a job keeps writing, on H2 and on PostgreSQL: the training job will not send it again, so
 * it must already be on disk; the batch in flight at the kill is there entirely or not at all (a chunk being
 * rewritten is never half-written), and the series reads back.
 */
class CrashRecoveryIT {

    private static final String TOKEN = "crash-recovery-test-token";
    private static final int ACKNOWLEDGED_BEFORE_KILL = 12;
    private static final int BATCH = 700;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static double loss(int iteration) {
        return iteration % 997 == 5 ? Double.NaN : 1.0 / (iteration + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void acknowledged_points_survive_a_kill_in_the_middle_of_writing(String database) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("DESCENT_INGEST_TOKEN", TOKEN));
        if (database.equals("postgresql")) {
            environment.putAll(TestDatabase.freshSchema().environment());
        }
        long runId;
        AtomicInteger acknowledged = new AtomicInteger();
        PackagedApp.Server first = PackagedApp.Server.start(dataDir, environment);
        try {
            runId = json.readTree(send(first.url("/api/v1/runs"), "{\"project\": \"crash\", \"name\": \"killed\"}"))
                    .get("id").asLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int b = 0; ; b++) {
                    StringBuilder body = new StringBuilder("{\"points\": [");
                    for (int i = 0; i < BATCH; i++) {
                        int iteration = b * BATCH + i;
                        double value = loss(iteration);
                        body.append(i == 0 ? "" : ",").append("{\"iteration\": ").append(iteration)
                                .append(", \"loss\": ").append(Double.isNaN(value) ? "\"NaN\"" : Double.toString(value))
                                .append('}');
                    }
                    try {
                        send(first.url("/api/v1/runs/" + runId + "/points"), body.append("]}").toString());
                        acknowledged.incrementAndGet();
                    } catch (Exception | AssertionError killed) {
                        return;
                    }
                }
            });
            while (acknowledged.get() < ACKNOWLEDGED_BEFORE_KILL) {
                Thread.onSpinWait();
            }
            first.kill();
            writer.join();
        } finally {
            first.kill();
        }
        int acked = acknowledged.get();

        PackagedApp.Server second = PackagedApp.Server.start(dataDir, environment);
        try {
            JsonNode series = json.readTree(get(second.url("/api/v1/runs/" + runId
                    + "/points?series=loss&maxPoints=100000")));
            JsonNode run = json.readTree(get(second.url("/api/v1/runs/" + runId)));

            int stored = series.get("totalPoints").asInt();
            assertThat(stored).as("every acknowledged batch, and the one in flight whole or not at all")
                    .isIn(acked * BATCH, (acked + 1) * BATCH);
            JsonNode points = series.get("points");
            for (int i = 0; i < stored; i++) {
                assertThat(points.get(i).get("iteration").asLong()).isEqualTo(i);
                JsonNode value = points.get(i).get("value");
                assertThat(Double.valueOf(value.asDouble())).as("iteration %d", i).isEqualTo(Double.valueOf(loss(i)));
            }
            assertThat(run.get("pointCount").asLong()).isEqualTo(stored);

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
