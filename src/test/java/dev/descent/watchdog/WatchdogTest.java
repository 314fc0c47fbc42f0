package dev.descent.watchdog;

import dev.descent.run.NewPoint;
import dev.descent.run.RunEdit;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The watchdog on a real database (H2 file, and PostgreSQL in the postgresql execution) with a real HTTP receiver:
 * incidents recorded once, stalls marked and ended, webhooks delivered once, signed, retried, never in ingest's way.
 */
@SpringBootTest(properties = {
        "descent.webhooks.allow-loopback=true",
        "descent.webhooks.retry-backoff=100ms",
        "descent.webhooks.poll-interval=100ms",
        "descent.watchdog.stalled-after=1s",
        // The test runs the stall check itself (StallCheck.check), so that it knows when one has happened.
        "descent.watchdog.check-interval=1h"})
@WithMockUser(roles = "ADMIN")
class WatchdogTest {

    @Autowired
    RunService runs;
    @Autowired
    Alerts alerts;
    @Autowired
    Webhooks webhooks;
    @Autowired
    StallCheck stallCheck;
    @Autowired
    JsonMapper json;

    private final Receiver receiver = new Receiver();
    private final String project = "watchdog-" + UUID.randomUUID();

    @AfterEach
    void close() {
        receiver.close();
    }

    private long newRun(String name) {
        return runs.createOrResume(project, name, Map.of(), List.of()).run().id();
    }

    private static List<NewPoint> losses(long from, double... values) {
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new NewPoint("loss", from + i, null, values[i], 1000 + from + i));
        }
        return points;
    }

    private List<Incident> incidents(long runId, AlertEvent event) {
        return alerts.forRun(runId, 100).stream().filter(i -> i.event() == event).toList();
    }

    @Test
    void a_nan_is_one_incident_at_its_iteration_however_many_follow() {
        long run = newRun("nan");
        runs.append(run, losses(0, 2.0, 1.5, 1.2, Double.NaN, 1.0));
        runs.append(run, losses(5, Double.NaN, Double.POSITIVE_INFINITY));
        runs.append(run, List.of(new NewPoint("val_loss", 7, null, Double.NaN, 0)));

        List<Incident> diverged = incidents(run, AlertEvent.DIVERGED);
        assertThat(diverged).singleElement().satisfies(i -> {
            assertThat(i.series()).isEqualTo("loss");
            assertThat(i.iteration()).isEqualTo(3);
            assertThat(i.value()).isNaN();
            assertThat(i.text()).contains(project + "/nan").contains("NaN at iteration 3");
            assertThat(i.open()).isTrue();
        });
        assertThat(alerts.openByRun().get(run)).extracting(Incident::event).containsExactly(AlertEvent.DIVERGED);
    }

    @Test
    void a_run_that_stops_sending_is_stalled_once_and_recovers_with_its_next_point() {
        long run = newRun("stalls");
        runs.append(run, losses(0, 1.0));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            stallCheck.check();
            return runs.get(run).stalled();
        });
        stallCheck.check();
        assertThat(incidents(run, AlertEvent.STALLED)).singleElement().satisfies(i -> {
            assertThat(i.open()).isTrue();
            assertThat(i.text()).contains("stalled").contains("no point for 1 s");
        });

        runs.append(run, losses(1, 0.9));

        assertThat(runs.get(run).stalled()).isFalse();
        assertThat(runs.get(run).stalledSince()).isNull();
        assertThat(incidents(run, AlertEvent.STALLED)).singleElement().satisfies(i -> assertThat(i.open()).isFalse());

        // It stalls again later: a new incident, since it is a new stall.
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            stallCheck.check();
            return runs.get(run).stalled();
        });
        assertThat(incidents(run, AlertEvent.STALLED)).hasSize(2);
    }

    @Test
    void a_finished_or_failed_run_is_not_stalled_and_finishing_is_announced_once() {
        long run = newRun("finishes");
        runs.append(run, losses(0, 1.0, 0.5));
        runs.changeStatus(run, RunStatus.FINISHED);
        runs.edit(run, new RunEdit(null, null, "good run", null));
        runs.edit(run, new RunEdit(RunStatus.FINISHED, null, null, null));
        stallCheck.check();

        assertThat(incidents(run, AlertEvent.FINISHED)).singleElement()
                .satisfies(i -> assertThat(i.text()).contains("finished").contains("2 points"));
        assertThat(incidents(run, AlertEvent.STALLED)).isEmpty();
        assertThat(runs.get(run).stalled()).isFalse();

        long failing = newRun("fails");
        runs.edit(failing, new RunEdit(RunStatus.FAILED, null, null, null));
        assertThat(incidents(failing, AlertEvent.FAILED)).hasSize(1);
    }

    @Test
    void clearing_a_history_ends_its_incidents_and_deleting_a_run_removes_them() {
        long run = newRun("cleared");
        runs.append(run, losses(0, 1.0, Double.NaN));
        runs.clearHistory(run);

        assertThat(incidents(run, AlertEvent.DIVERGED)).singleElement().satisfies(i -> assertThat(i.open()).isFalse());
        // The run diverges once: a NaN in its new history is the same incident (now ended), not a new alert.
        runs.append(run, losses(0, 1.0, Double.NaN));
        assertThat(incidents(run, AlertEvent.DIVERGED)).hasSize(1);

        runs.deleteRun(run);
        assertThat(alerts.forRun(run, 10)).isEmpty();
    }

    @Test
    void a_webhook_gets_each_incident_once_signed_with_its_secret() {
        CreatedWebhook hook = webhooks.create(receiver.url(), project, List.of("diverged"), "test");
        long run = newRun("signed");
        runs.append(run, losses(0, 2.0, Double.NaN));
        runs.append(run, losses(2, Double.NaN));
        runs.changeStatus(run, RunStatus.FINISHED); // not subscribed

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1
                && webhooks.deliveries(hook.webhook().id(), 10).orElseThrow().getFirst().state().equals("DELIVERED"));
        Receiver.Request got = receiver.requests().getFirst();
        assertThat(got.signature()).isEqualTo("sha256=" + WebhookDispatcher.sign(hook.secret(), got.body()));
        assertThat(got.event()).isEqualTo("diverged");
        JsonNode body = json.readTree(got.body());
        assertThat(body.get("event").asString()).isEqualTo("diverged");
        assertThat(body.get("runId").asLong()).isEqualTo(run);
        assertThat(body.get("project").asString()).isEqualTo(project);
        assertThat(body.get("run").asString()).isEqualTo("signed");
        assertThat(body.get("series").asString()).isEqualTo("loss");
        assertThat(body.get("iteration").asLong()).isEqualTo(1);
        assertThat(body.get("value").isNull()).as("NaN is not JSON: null, and the text says NaN").isTrue();
        assertThat(body.get("text").asString()).contains("NaN at iteration 1");
        assertThat(body.get("url").asString()).endsWith("/runs/" + run);
        assertThat(webhooks.deliveries(hook.webhook().id(), 10).orElseThrow()).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));

        // A webhook of another project hears nothing of this one.
        assertThat(webhooks.list()).filteredOn(w -> w.id() == hook.webhook().id()).singleElement()
                .satisfies(w -> assertThat(w.delivered()).isEqualTo(1));
    }

    @Test
    void a_failing_receiver_is_retried_with_the_same_signed_body_until_it_answers() {
        receiver.failNext(2);
        CreatedWebhook hook = webhooks.create(receiver.url(), project, List.of(), "test");
        long run = newRun("retried");
        runs.append(run, losses(0, Double.NaN));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() ->
                webhooks.deliveries(hook.webhook().id(), 10).orElseThrow().getFirst().state().equals("DELIVERED"));
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests()).extracting(Receiver.Request::body).containsOnly(receiver.requests().getFirst().body());
        assertThat(receiver.requests()).extracting(Receiver.Request::delivery).containsOnly(receiver.requests().getFirst().delivery());
        assertThat(webhooks.deliveries(hook.webhook().id(), 10).orElseThrow()).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(3));
    }

    @Test
    void a_slow_receiver_never_holds_up_ingest() {
        receiver.hold();
        webhooks.create(receiver.url(), project, List.of(), "test");
        long run = newRun("slow-receiver");
        runs.append(run, losses(0, Double.NaN));

        // While the receiver sits on the delivery, ingest goes on: 200 more batches into the same run.
        for (int b = 0; b < 200; b++) {
            runs.append(run, losses(1 + b, 1.0 / (b + 1)));
        }
        assertThat(receiver.requests()).as("the receiver has not answered yet").isEmpty();
        assertThat(runs.get(run).pointCount()).isEqualTo(201);
        receiver.release();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1);
    }

    @Test
    void webhooks_to_the_servers_own_network_or_other_schemes_are_refused_naming_the_field() {
        assertThatThrownBy(() -> webhooks.create("http://169.254.169.254/latest/meta-data/", null, List.of(), "t"))
                .isInstanceOfSatisfying(InvalidWebhookException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("url: ").contains("link-local"));
        assertThatThrownBy(() -> webhooks.create("file:///etc/passwd", null, List.of(), "t"))
                .hasMessageContaining("url: must be an http or https URL");
        assertThatThrownBy(() -> webhooks.create("http://10.1.2.3/hook", null, List.of(), "t"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> webhooks.create("http://192.168.0.10/hook", null, List.of(), "t"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> webhooks.create(receiver.url(), null, List.of("exploded"), "t"))
                .hasMessageContaining("events: unknown event 'exploded'");
    }
}
