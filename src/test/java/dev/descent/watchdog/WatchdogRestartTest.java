package dev.descent.watchdog;

import dev.descent.Application;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
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
 * A restart between detection and delivery, on one H2 file: the incident detected before it is delivered after it,
 * once; the detectors rebuilt after it do not announce the same divergence again.
 */
class WatchdogRestartTest {

    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
        SecurityContextHolder.clearContext();
    }

    private static ConfigurableApplicationContext start(Path dataDir, boolean deliver) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(
                "--descent.data-dir=" + dataDir, "--server.port=0", "--descent.webhooks.allow-loopback=true",
                "--descent.webhooks.poll-interval=100ms", "--descent.webhooks.deliver=" + deliver);
        // After the start: Vaadin installs its own security context holder strategy while starting.
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        return context;
    }

    @Test
    void an_incident_detected_before_a_restart_is_delivered_after_it_once() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "watchdog-restart-");
        long runId;
        long hookId;
        // First life: detects, records the delivery, and stops before sending it.
        try (ConfigurableApplicationContext first = start(dataDir, false)) {
            RunService runs = first.getBean(RunService.class);
            Webhooks webhooks = first.getBean(Webhooks.class);
            hookId = webhooks.create(receiver.url(), null, List.of(), "test").webhook().id();
            runId = runs.createOrResume("restart", "nan-before-restart", Map.of(), List.of()).run().id();
            runs.append(runId, List.of(new NewPoint("loss", 0, null, 1.0, 0), new NewPoint("loss", 1, null, Double.NaN, 1)));
            assertThat(webhooks.deliveries(hookId, 10).orElseThrow()).singleElement()
                    .satisfies(d -> assertThat(d.state()).isEqualTo("PENDING"));
        }
        assertThat(receiver.requests()).isEmpty();

        // Second life: sends what the first recorded, and its rebuilt detectors find nothing new in the same NaN run.
        try (ConfigurableApplicationContext second = start(dataDir, true)) {
            RunService runs = second.getBean(RunService.class);
            Webhooks webhooks = second.getBean(Webhooks.class);
            Alerts alerts = second.getBean(Alerts.class);
            await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests().size() == 1);
            assertThat(receiver.requests().getFirst().event()).isEqualTo("diverged");

            runs.append(runId, List.of(new NewPoint("loss", 2, null, Double.NaN, 2), new NewPoint("loss", 3, null, 0.5, 3)));
            runs.changeStatus(runId, RunStatus.FAILED);

            await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests().size() >= 2
                    && webhooks.deliveries(hookId, 10).orElseThrow().stream().allMatch(d -> d.state().equals("DELIVERED")));
            assertThat(receiver.requests()).extracting(Receiver.Request::event).containsExactly("diverged", "failed");
            assertThat(alerts.forRun(runId, 10)).extracting(Incident::event)
                    .containsExactly(AlertEvent.FAILED, AlertEvent.DIVERGED);
        }
    }
}
