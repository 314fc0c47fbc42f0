package dev.descent.base;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the live scheduler (Spring stops or pauses a context) must not interrupt the update it is running: an
 * interrupt that reaches a thread while H2 writes its file closes the file channel and the whole database
 * (ClosedByInterruptException), which broke a paused test context's database in CI. Its own context, so that a
 * failure here cannot break other tests' database.
 */
@SpringBootTest(properties = "descent.test.context=stop-without-interrupt")
@WithMockUser(roles = "ADMIN")
class StopWithoutInterruptTest {

    @Autowired
    LiveScheduler scheduler;
    @Autowired
    RunService runs;

    @Test
    void an_update_running_when_the_scheduler_stops_finishes_and_the_database_stays_open() throws Exception {
        long run = runs.createOrResume("stop", "stop-without-interrupt", Map.of(), List.of()).run().id();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        scheduler.schedule(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as any well-behaved task does, and then it writes
            }
            try {
                runs.append(run, List.of(new NewPoint("loss", 0, null, 1.0, 0)));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, Duration.ZERO);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofPlatform().start(scheduler::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> !scheduler.isRunning());
        release.countDown();
        stopping.join(10_000);
        scheduler.start();

        assertThat(failure.get()).as("the running update could write").isNull();
        assertThat(runs.readSeries(run, "loss").size()).as("and the database is still open").isEqualTo(1);
    }
}
