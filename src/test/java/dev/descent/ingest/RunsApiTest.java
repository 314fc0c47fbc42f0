package dev.descent.ingest;

import dev.descent.run.PointsAppended;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;
    @Autowired
    RunEvents events;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static String points(String... points) {
        return "{\"points\": [" + String.join(",", points) + "]}";
    }

    private static String point(long iteration, String loss) {
        return "{\"iteration\": " + iteration + ", \"loss\": " + loss + "}";
    }

    @Test
    void creating_a_run_twice_resumes_the_first() {
        var created = api.post("/api/v1/runs",
                "{\"project\": \"vision\", \"name\": \"resnet50-lr3e-4\", \"params\": {\"lr\": 0.0003}, \"tags\": [\"baseline\"]}");
        var again = api.post("/api/v1/runs", "{\"project\": \"vision\", \"name\": \"resnet50-lr3e-4\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode run = created.json();
        assertThat(run.get("project").asString()).isEqualTo("vision");
        assertThat(run.get("name").asString()).isEqualTo("resnet50-lr3e-4");
        assertThat(run.get("status").asString()).isEqualTo("RUNNING");
        assertThat(run.get("params").get("lr").asDouble()).isEqualTo(0.0003);
        assertThat(run.get("tags").get(0).asString()).isEqualTo("baseline");
        assertThat(run.get("createdAt").asString()).isNotBlank();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(run.get("id").asLong());
    }

    @Test
    void a_batch_is_stored_and_counted_with_its_metrics_as_series() {
        long id = api.createRun("batch");
        var response = api.post("/api/v1/runs/" + id + "/points", points(
                "{\"iteration\": 120, \"epoch\": 1.2, \"loss\": 0.53, \"timestamp\": 1764300000000, "
                        + "\"metrics\": {\"val_loss\": 0.61, \"accuracy\": 0.82}}",
                "{\"iteration\": 121, \"metrics\": {\"lr\": 0.001}}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(4);
        assertThat(response.json().get("duplicates").asInt()).isZero();
        assertThat(runs.seriesNames(id)).containsExactly("accuracy", "loss", "lr", "val_loss");
        SeriesData loss = runs.readSeries(id, "loss");
        assertThat(loss.epochs()).containsExactly(1.2);
        assertThat(loss.timestamps()).containsExactly(1764300000000L);
        assertThat(runs.readSeries(id, "lr").timestamps()[0]).as("server time when absent").isGreaterThan(1764300000000L);
    }

    @Test
    void resending_a_batch_stores_nothing_twice_and_newer_values_replace_older() {
        long id = api.createRun("retry");
        String batch = points(point(1, "0.9"), point(2, "0.8"));
        api.post("/api/v1/runs/" + id + "/points", batch);

        var retry = api.post("/api/v1/runs/" + id + "/points", batch);
        var restart = api.post("/api/v1/runs/" + id + "/points", points(point(2, "0.75"), point(3, "0.7")));

        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(restart.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(restart.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(runs.readSeries(id, "loss").values()).containsExactly(0.9, 0.75, 0.7);
        assertThat(runs.get(id).pointCount()).isEqualTo(3);
    }

    @Test
    void out_of_order_points_are_read_back_in_iteration_order() {
        long id = api.createRun("shuffled");
        api.post("/api/v1/runs/" + id + "/points", points(point(30, "0.3"), point(10, "0.1"), point(20, "0.2")));

        JsonNode series = api.get("/api/v1/runs/" + id + "/points?series=loss").json();

        assertThat(series.get("points").valueStream().map(p -> p.get("iteration").asLong()).toList())
                .containsExactly(10L, 20L, 30L);
    }

    @Test
    void one_bad_point_rejects_the_whole_batch_and_stores_nothing() {
        long id = api.createRun("atomic");
        api.post("/api/v1/runs/" + id + "/points", points(point(0, "1.0")));
        List<PointsAppended> announced = new CopyOnWriteArrayList<>();
        Subscription subscription = events.onPointsAppended(id, announced::add);

        var response = api.post("/api/v1/runs/" + id + "/points",
                points(point(1, "0.9"), "{\"iteration\": -3, \"loss\": 0.8}", point(0, "5.0")));

        subscription.cancel();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.detail()).isEqualTo("points[1].iteration: must be an integer >= 0");
        assertThat(runs.readSeries(id, "loss").values()).as("old value kept, nothing added").containsExactly(1.0);
        assertThat(announced).isEmpty();
    }

    @Test
    void a_committed_batch_is_announced_to_live_views() {
        long id = api.createRun("announced");
        List<PointsAppended> announced = new CopyOnWriteArrayList<>();
        Subscription subscription = events.onPointsAppended(id, announced::add);

        api.post("/api/v1/runs/" + id + "/points", points(point(5, "0.5"), point(6, "0.4")));

        subscription.cancel();
        assertThat(announced).hasSize(1);
        assertThat(announced.getFirst().points()).hasSize(2);
    }

    @Test
    void every_invalid_field_is_named_with_its_rule() {
        long id = api.createRun("errors");
        String path = "/api/v1/runs/" + id + "/points";
        assertThat(api.post(path, points("{\"loss\": 1}")).detail())
                .isEqualTo("points[0].iteration: required, must be an integer >= 0");
        assertThat(api.post(path, points("{\"iteration\": 1.5, \"loss\": 1}")).detail())
                .isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(api.post(path, points("{\"iteration\": \"7\", \"loss\": 1}")).detail())
                .isEqualTo("points[0].iteration: must be an integer >= 0");
        assertThat(api.post(path, points("{\"iteration\": 1, \"loss\": \"abc\"}")).detail())
                .isEqualTo("points[0].loss: must be a number (NaN, Infinity and -Infinity allowed)");
        assertThat(api.post(path, points("{\"iteration\": 1, \"epoch\": -1, \"loss\": 1}")).detail())
                .isEqualTo("points[0].epoch: must be a finite number >= 0");
        assertThat(api.post(path, points("{\"iteration\": 1, \"timestamp\": \"now\", \"loss\": 1}")).detail())
                .isEqualTo("points[0].timestamp: must be epoch milliseconds, an integer >= 0");
        assertThat(api.post(path, points("{\"iteration\": 1}")).detail())
                .isEqualTo("points[0]: needs a loss or at least one entry in metrics");
        assertThat(api.post(path, points("{\"iteration\": 1, \"metrics\": {\"bad;name\": 1}}")).detail())
                .isEqualTo("points[0].metrics: series name 'bad;name' must match [A-Za-z0-9_.\\-/ ]{1,250}");
        assertThat(api.post(path, "{\"pts\": []}").detail()).isEqualTo("points: required, must be an array");
        assertThat(api.post(path, "[1, 2]").detail()).startsWith("body: must be a JSON object");

        var malformed = api.post(path, "{\"points\": [{\"iteration\": 1,");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).startsWith("body: malformed JSON");

        var several = api.post(path, points("{\"iteration\": -1, \"loss\": 1}", "{\"iteration\": 2, \"loss\": []}"));
        assertThat(several.json().get("errors").size()).isEqualTo(2);

        assertThat(runs.readSeries(id, "loss").size()).isZero();
    }

    @Test
    void unknown_runs_are_404_and_bad_ids_400() {
        assertThat(api.post("/api/v1/runs/987654/points", points(point(1, "1"))).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/runs/987654").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/runs/987654").detail()).contains("987654");
        var badId = api.get("/api/v1/runs/abc");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.detail()).isEqualTo("runId: must be an integer");
    }

    @Test
    void too_many_points_or_bytes_are_refused_with_the_limit() {
        long id = api.createRun("limits");
        String tooMany = points(IntStream.range(0, 10_001).mapToObj(i -> point(i, "1")).toArray(String[]::new));
        var many = api.post("/api/v1/runs/" + id + "/points", tooMany);
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.detail()).contains("at most 10000 points");

        String padding = "x".repeat(6 * 1024 * 1024);
        var big = api.post("/api/v1/runs/" + id + "/points",
                "{\"pad\": \"" + padding + "\", \"points\": [" + point(1, "1") + "]}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.detail()).contains("5 MB");
        assertThat(runs.readSeries(id, "loss").size()).isZero();
    }

    @Test
    void non_finite_losses_round_trip_as_python_literals() {
        long id = api.createRun("diverged");
        var response = api.post("/api/v1/runs/" + id + "/points", points(point(1, "0.5"), point(2, "NaN"),
                point(3, "Infinity"), point(4, "-Infinity"), point(5, "\"NaN\""), point(6, "\"-Infinity\"")));
        assertThat(response.status()).isEqualTo(200);

        var read = api.get("/api/v1/runs/" + id + "/points?series=loss");

        assertThat(read.body()).contains("\"value\":NaN", "\"value\":Infinity", "\"value\":-Infinity");
        List<Double> values = read.json().get("points").valueStream().map(p -> p.get("value").asDouble()).toList();
        assertThat(values).containsExactly(0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NaN, Double.NEGATIVE_INFINITY);
        JsonNode metrics = api.get("/api/v1/runs/" + id + "/metrics").json();
        assertThat(metrics.get("nonFiniteCount").asInt()).isEqualTo(5);
        assertThat(metrics.get("firstNonFiniteIteration").asLong()).isEqualTo(2);
        assertThat(metrics.get("currentLoss").asDouble()).isEqualTo(0.5);
    }

    @Test
    void writes_need_a_token_and_clearing_needs_admin_scope() {
        long id = api.createRun("auth");
        String path = "/api/v1/runs/" + id + "/points";
        api.post(path, points(point(1, "1")));

        var none = api.send("POST", path, points(point(2, "1")), null);
        var wrong = api.send("POST", path, points(point(2, "1")), "not-a-token");
        var ingestDelete = api.send("DELETE", path, null, ApiClient.INGEST);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.detail()).contains("Authorization: Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(ingestDelete.status()).isEqualTo(403);
        assertThat(ingestDelete.detail()).contains("needs scope ADMIN");
        assertThat(runs.readSeries(id, "loss").size()).as("nothing written or deleted").isEqualTo(1);

        var adminDelete = api.send("DELETE", path, null, ApiClient.ADMIN);
        assertThat(adminDelete.status()).isEqualTo(200);
        assertThat(adminDelete.json().get("deleted").asInt()).isEqualTo(1);
        assertThat(runs.readSeries(id, "loss").size()).isZero();
        assertThat(api.get("/api/v1/runs/" + id).status()).as("reads stay open").isEqualTo(200);
    }

    @Autowired
    dev.descent.admin.AuditLog audit;

    @Test
    @org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
    void notes_tags_and_params_are_edited_after_the_start_audited_and_bad_fields_named() {
        long id = api.post("/api/v1/runs", "{\"project\": \"api-test\", \"name\": \"editable\", "
                + "\"params\": {\"lr\": 0.001, \"seed\": 1, \"batch\": 64}, \"tags\": [\"baseline\"]}")
                .json().get("id").asLong();
        String path = "/api/v1/runs/" + id;

        var edited = api.send("PATCH", path, "{\"notes\": \"Diverged after the LR warm-up.\\nRetry with clipping.\", "
                + "\"tags\": [\"ablation\", \"clip\"], \"params\": {\"lr\": 0.0005, \"seed\": null, \"clip\": 1.0}}",
                ApiClient.INGEST);

        assertThat(edited.status()).isEqualTo(200);
        JsonNode run = api.get(path).json();
        assertThat(run.get("notes").asString()).isEqualTo("Diverged after the LR warm-up.\nRetry with clipping.");
        assertThat(run.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("ablation", "clip");
        assertThat(run.get("params").get("lr").asDouble()).isEqualTo(0.0005);
        assertThat(run.get("params").get("batch").asInt()).as("kept: params are merged").isEqualTo(64);
        assertThat(run.get("params").has("seed")).as("removed by null").isFalse();
        assertThat(run.get("params").get("clip").asDouble()).isEqualTo(1.0);
        assertThat(run.get("status").asString()).isEqualTo("RUNNING");
        assertThat(audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("edit run");
            assertThat(e.target()).contains("'editable'").contains("tags, notes, params")
                    .doesNotContain("Diverged"); // what changed, not the text
        });

        var unknown = api.send("PATCH", path, "{\"name\": \"renamed\", \"notes\": 5}", ApiClient.INGEST);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("name: unknown field; a run can be changed in status, tags, notes, params")
                .contains("notes: must be a string of at most 10000 characters");
        assertThat(api.send("PATCH", path, "{\"tags\": \"one\"}", ApiClient.INGEST).detail())
                .isEqualTo("tags: must be an array of strings");
        assertThat(api.send("PATCH", path, "{\"notes\": \"" + "x".repeat(10_001) + "\"}", ApiClient.INGEST).detail())
                .isEqualTo("notes: at most 10000 characters, got 10001");
        assertThat(api.send("PATCH", path, "{}", ApiClient.INGEST).detail())
                .isEqualTo("body: give at least one of status, tags, notes, params");
        assertThat(api.send("PATCH", path, "{\"params\": {\"big\": \"" + "y".repeat(100_000) + "\"}}",
                ApiClient.INGEST).detail()).startsWith("params: at most 100000 characters as JSON after merging");
        assertThat(api.get(path).json().get("notes").asString()).as("refused edits change nothing")
                .isEqualTo("Diverged after the LR warm-up.\nRetry with clipping.");

        api.send("PATCH", path, "{\"notes\": null}", ApiClient.INGEST);
        assertThat(api.get(path).json().get("notes").isNull()).as("null clears the notes").isTrue();
    }

    @Test
    void groups_of_runs_give_mean_std_and_count_per_iteration_and_bad_parameters_are_named() {
        // Two seeds of lr=0.1 (logging every step and every other step) and one run of lr=0.2.
        long a = api.post("/api/v1/runs", "{\"project\": \"groups\", \"name\": \"g-a\", \"params\": {\"lr\": 0.1, \"seed\": 1}}")
                .json().get("id").asLong();
        long b = api.post("/api/v1/runs", "{\"project\": \"groups\", \"name\": \"g-b\", \"params\": {\"lr\": 0.1, \"seed\": 2}}")
                .json().get("id").asLong();
        long c = api.post("/api/v1/runs", "{\"project\": \"groups\", \"name\": \"g-c\", \"params\": {\"lr\": 0.2, \"seed\": 1}}")
                .json().get("id").asLong();
        api.post("/api/v1/runs/" + a + "/points", points("{\"iteration\": 0, \"loss\": 1.0}",
                "{\"iteration\": 1, \"loss\": 0.8}", "{\"iteration\": 2, \"loss\": 0.6}"));
        api.post("/api/v1/runs/" + b + "/points", points("{\"iteration\": 0, \"loss\": 3.0}",
                "{\"iteration\": 2, \"loss\": 1.0}"));
        api.post("/api/v1/runs/" + c + "/points", points("{\"iteration\": 0, \"loss\": 5.0}"));

        JsonNode groups = api.get("/api/v1/compare/groups?runs=" + a + "," + b + "," + c + "&groupBy=params.lr").json()
                .get("groups");

        assertThat(groups.size()).isEqualTo(2);
        JsonNode first = groups.get(0);
        assertThat(first.get("key").asString()).isEqualTo("0.1");
        assertThat(first.get("runs").valueStream().map(JsonNode::asLong).toList()).containsExactly(a, b);
        JsonNode at0 = first.get("points").get(0);
        assertThat(at0.get("iteration").asLong()).isZero();
        assertThat(at0.get("mean").asDouble()).isEqualTo(2.0);
        assertThat(at0.get("std").asDouble()).isCloseTo(Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(at0.get("min").asDouble()).isEqualTo(1.0);
        assertThat(at0.get("max").asDouble()).isEqualTo(3.0);
        assertThat(at0.get("n").asInt()).isEqualTo(2);
        JsonNode at1 = first.get("points").get(1);
        assertThat(at1.get("n").asInt()).as("only the run logging every step").isEqualTo(1);
        assertThat(at1.get("std").isNull()).as("no sample std of one value").isTrue();
        assertThat(groups.get(1).get("key").asString()).isEqualTo("0.2");

        var bad = api.get("/api/v1/compare/groups?runs=" + a + ",99999,x&groupBy=status&smoothing=1&maxPoints=2");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("groupBy: must be params.<name>", "runs: no run 99999",
                "runs: must be run ids separated by commas, got 'x'", "smoothing: must be a number in [0, 1)",
                "maxPoints: must be an integer from 4 to 100000");
        assertThat(api.get("/api/v1/compare/groups?runs=" + a + "&groupBy=params.lr&smoothing=0.5").json()
                .get("groups").get(0).get("points").get(1).get("mean").asDouble())
                .as("each member smoothed first: debiased EMA of 1.0, 0.8 at w = 0.5")
                .isCloseTo((0.5 * 0.5 * 1.0 + 0.5 * 0.8) / (1 - 0.25), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void status_changes_and_listing_filters() {
        long id = api.createRun("finishing");
        var patched = api.send("PATCH", "/api/v1/runs/" + id, "{\"status\": \"FINISHED\"}", ApiClient.INGEST);
        var invalid = api.send("PATCH", "/api/v1/runs/" + id, "{\"status\": \"DONE\"}", ApiClient.INGEST);

        assertThat(patched.json().get("status").asString()).isEqualTo("FINISHED");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.detail()).isEqualTo("status: must be one of RUNNING, FINISHED, FAILED");
        long stillRunning = api.createRun("still-running");
        JsonNode finished = api.get("/api/v1/runs?project=api-test&status=FINISHED").json();
        assertThat(finished.valueStream().map(r -> r.get("name").asString()).toList()).contains("finishing")
                .doesNotContain("still-running");
        assertThat(finished.valueStream()).allSatisfy(r -> {
            assertThat(r.get("project").asString()).isEqualTo("api-test");
            assertThat(r.get("status").asString()).isEqualTo("FINISHED");
        });
        JsonNode ofProject = api.get("/api/v1/runs?project=api-test").json();
        assertThat(ofProject.valueStream().map(r -> r.get("id").asLong()).toList()).contains(id, stillRunning);
        assertThat(ofProject.valueStream()).allSatisfy(r -> assertThat(r.get("project").asString()).isEqualTo("api-test"));
        assertThat(api.get("/api/v1/runs?project=no-such-project").json().size()).isZero();
        assertThat(api.get("/api/v1/runs?status=nope").status()).isEqualTo(400);
    }

    @Test
    void csv_export_has_a_header_and_one_row_per_point() {
        long id = api.createRun("csv");
        api.post("/api/v1/runs/" + id + "/points", points(
                "{\"iteration\": 0, \"epoch\": 0.5, \"loss\": 1.0, \"timestamp\": 1000}",
                "{\"iteration\": 1, \"loss\": 0.5, \"timestamp\": 2000}"));

        var csv = api.get("/api/v1/runs/" + id + "/points?series=loss&smoothing=0.5&format=csv");

        assertThat(csv.contentType()).startsWith("text/csv");
        // EMA w = 0.5: 1.0, then (0.25 + 0.25) / 0.75.
        assertThat(csv.body()).isEqualTo("""
                iteration,epoch,value,timestamp,smoothed
                0,0.5,1.0,1000,1.0
                1,,0.5,2000,0.6666666666666666
                """);
    }

    @Test
    void a_downsampled_read_keeps_planted_spikes_and_smooths_at_full_resolution() {
        long id = api.createRun("spiky");
        Random random = new Random(7);
        int n = 20_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1 + Math.exp(-i / 5000.0) + random.nextGaussian() * 0.01;
        }
        int[] spikes = {1234, 8888, 15000};
        for (int s : spikes) {
            values[s] = 50;
        }
        for (int from = 0; from < n; from += 5000) {
            final int start = from;
            String batch = IntStream.range(start, start + 5000).mapToObj(i -> point(i, Double.toString(values[i])))
                    .collect(Collectors.joining(",", "{\"points\": [", "]}"));
            assertThat(api.post("/api/v1/runs/" + id + "/points", batch).status()).isEqualTo(200);
        }

        JsonNode read = api.get("/api/v1/runs/" + id + "/points?series=loss&maxPoints=400&smoothing=0.9").json();

        assertThat(read.get("downsampled").asBoolean()).isTrue();
        assertThat(read.get("totalPoints").asInt()).isEqualTo(n);
        assertThat(read.get("points").size()).isLessThanOrEqualTo(400);
        List<Long> kept = read.get("points").valueStream().map(p -> p.get("iteration").asLong()).toList();
        assertThat(kept).contains(1234L, 8888L, 15000L);
        double[] fullEma = dev.descent.metrics.Ema.smooth(values, 0.9);
        read.get("points").valueStream().forEach(p -> assertThat(p.get("smoothed").asDouble())
                .isCloseTo(fullEma[(int) p.get("iteration").asLong()], org.assertj.core.api.Assertions.within(1e-9)));

        JsonNode zoomed = api.get("/api/v1/runs/" + id + "/points?series=loss&fromIteration=8000&toIteration=9000&smoothing=0.9").json();
        assertThat(zoomed.get("downsampled").asBoolean()).as("1001 points fit in 2000").isFalse();
        JsonNode at8888 = zoomed.get("points").get(888);
        assertThat(at8888.get("iteration").asLong()).isEqualTo(8888);
        assertThat(at8888.get("smoothed").asDouble()).as("same EMA when zoomed in")
                .isCloseTo(fullEma[8888], org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void metrics_endpoint_uses_the_analytics_engine_and_validates_its_parameters() {
        long id = api.createRun("metrics");
        // loss = 3 - 0.5 epoch, a point every epoch (10 iterations): 0.5 is reached at epoch 5, iteration 50.
        api.post("/api/v1/runs/" + id + "/points", points(
                "{\"iteration\": 0, \"epoch\": 0, \"loss\": 3.0}",
                "{\"iteration\": 10, \"epoch\": 1, \"loss\": 2.5}",
                "{\"iteration\": 20, \"epoch\": 2, \"loss\": 2.0}",
                "{\"iteration\": 30, \"epoch\": 3, \"loss\": 1.5}",
                "{\"iteration\": 40, \"epoch\": 4, \"loss\": 1.0}",
                "{\"iteration\": 50, \"epoch\": 5, \"loss\": 0.5}"));

        JsonNode m = api.get("/api/v1/runs/" + id + "/metrics?window=3&targetLoss=0.5").json();

        assertThat(m.get("currentLoss").asDouble()).isEqualTo(0.5);
        assertThat(m.get("convergenceRate").asDouble()).isEqualTo(-0.5);
        assertThat(m.get("convergenceRateUnit").asString()).isEqualTo("per_epoch");
        assertThat(m.get("convergenceStatus").asString()).isEqualTo("reached");
        assertThat(m.get("targetReachedAt").get("iteration").asLong()).isEqualTo(50);
        assertThat(m.get("targetReachedAt").get("epoch").asDouble()).isEqualTo(5.0);
        assertThat(m.get("estimatedConvergenceEpoch").asDouble()).isEqualTo(5.0);
        assertThat(m.get("improvementFromFirst").asDouble()).isCloseTo(83.333, org.assertj.core.api.Assertions.within(1e-2));
        assertThat(m.get("lossImprovement").asDouble()).isCloseTo(83.333, org.assertj.core.api.Assertions.within(1e-2));
        assertThat(m.get("nonFiniteSince").isNull()).isTrue();

        JsonNode ahead = api.get("/api/v1/runs/" + id + "/metrics?targetLoss=0.1&estimator=linear").json();
        assertThat(ahead.get("convergenceStatus").asString()).isEqualTo("converging");
        assertThat(ahead.get("targetReachedAt").isNull()).isTrue();
        assertThat(ahead.get("estimatedConvergenceEpoch").asDouble())
                .isCloseTo(5.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ahead.get("estimatedConvergenceInterval").get("low").asDouble())
                .isCloseTo(5.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(api.get("/api/v1/runs/" + id + "/metrics?estimator=POWER_LAW").json().get("convergenceStatus")
                .asString()).isIn("converging", "uncertain", "not_converging");
        assertThat(api.get("/api/v1/runs/" + id + "/metrics?window=1").detail())
                .isEqualTo("window: must be an integer from 2 to 100000");
        assertThat(api.get("/api/v1/runs/" + id + "/metrics?estimator=CUBIC").detail())
                .isEqualTo("estimator: must be LINEAR, LOG_LINEAR or POWER_LAW");
        assertThat(api.get("/api/v1/runs/" + id + "/points?smoothing=1.5").detail())
                .isEqualTo("smoothing: must be a number in [0, 1)");
    }

    @Test
    void no_malformed_request_produces_a_server_error() {
        long id = api.createRun("fuzz");
        api.post("/api/v1/runs/" + id + "/points", points(point(1, "1")));
        Random random = new Random(3);
        String[] fragments = {"{", "}", "[", "]", "\"points\"", ":", ",", "\"iteration\"", "1e999", "-1", "null",
                "true", "\"loss\"", "NaN", "\"metrics\"", "{}", "\"x\"", "0.5", "\u0000", "9999999999999999999999"};
        String[] paths = {"/api/v1/runs", "/api/v1/runs/" + id + "/points", "/api/v1/runs/" + id};
        java.util.Map<Long, Double> expected = new java.util.TreeMap<>(java.util.Map.of(1L, 1.0));
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                body.append(fragments[random.nextInt(fragments.length)]);
            }
            String path = paths[random.nextInt(paths.length)];
            String method = path.endsWith("/" + id) ? "PATCH" : "POST";
            var response = api.send(method, path, body.toString(), ApiClient.INGEST);
            assertThat(response.status()).as("%s %s %s", method, path, body).isBetween(200, 499);
            assertThat(response.body()).doesNotContain("at dev.descent", "Exception");
            if (response.status() == 200 && path.endsWith("/points")) {
                // A valid batch came through: what it stored is what the loss series must now hold.
                var parsed = ApiClient.JSON.readTree(body.toString()).path("points");
                for (var p : parsed) {
                    if (p.has("loss")) {
                        expected.put(p.get("iteration").asLong(), p.get("loss").asDouble());
                    }
                }
            }
        }
        SeriesData stored = runs.readSeries(id, "loss");
        java.util.Map<Long, Double> actual = new java.util.TreeMap<>();
        for (int i = 0; i < stored.size(); i++) {
            actual.put(stored.iterations()[i], stored.values()[i]);
        }
        assertThat(actual).as("stored data unchanged except by the batches that were accepted").isEqualTo(expected);
    }
}
