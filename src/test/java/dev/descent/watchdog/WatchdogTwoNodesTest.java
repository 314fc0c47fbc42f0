package dev.descent.watchdog;

import dev.descent.Application;
import dev.descent.TestDatabase;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database, both polling the outbox and both checking for stalls every 200 ms: each
 * incident is recorded once and delivered once. Always on PostgreSQL (the database several nodes share), in the
 * default test execution; fails with instructions when none is reachable (TestDatabase).
 */
class WatchdogTwoNodesTest {

    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
        SecurityContextHolder.clearContext();
    }

    private static ConfigurableApplicationContext node(TestDatabase.Schema schema) {
        return dev.descent.TestNodes.start(schema, "--descent.webhooks.allow-loopback=true",
                "--descent.webhooks.poll-interval=50ms", "--descent.watchdog.stalled-after=1s",
                "--descent.watchdog.check-interval=200ms");
    }

    @Test
    void two_nodes_record_and_deliver_each_incident_once() throws Exception {
        TestDatabase.Schema schema = TestDatabase.freshSchema();
        try (ConfigurableApplicationContext a = node(schema); ConfigurableApplicationContext b = node(schema)) {
            Webhooks webhooks = a.getBean(Webhooks.class);
            long hook = webhooks.create(receiver.url(), "two-nodes", List.of(), "test").webhook().id();
            RunService onA = a.getBean(RunService.class);
            long run = onA.createOrResume("two-nodes", "diverges-then-stalls", Map.of(), List.of()).run().id();
            // The receiver holds the first delivery while node B polls the outbox again and again: B must not
            // send what A has claimed.
            receiver.hold();
            onA.append(run, List.of(new NewPoint("loss", 0, null, 1.0, 0), new NewPoint("loss", 1, null, Double.NaN, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.arrivals() >= 1);
            WebhookDispatcher dispatcherB = b.getBean(WebhookDispatcher.class);
            long passesB = dispatcherB.passes();
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcherB.passes() >= passesB + 5);
            assertThat(receiver.arrivals()).as("node B did not send the delivery node A is sending").isEqualTo(1);
            receiver.release();

            // Both nodes look for stalls; the run stops sending, so both see it.
            await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() ->
                    webhooks.deliveries(hook, 10).orElseThrow().size() == 2
                            && webhooks.deliveries(hook, 10).orElseThrow().stream().allMatch(d -> d.state().equals("DELIVERED")));

            assertThat(receiver.requests()).extracting(Receiver.Request::event)
                    .containsExactlyInAnyOrder("diverged", "stalled");
            assertThat(b.getBean(Alerts.class).forRun(run, 10)).extracting(Incident::event)
                    .containsExactlyInAnyOrder(AlertEvent.DIVERGED, AlertEvent.STALLED);
            assertThat(webhooks.deliveries(hook, 10).orElseThrow()).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        }
    }
}
