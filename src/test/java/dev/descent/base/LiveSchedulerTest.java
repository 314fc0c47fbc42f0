package dev.descent.base;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSchedulerTest {

    @Test
    void a_coalesced_update_pending_when_the_scheduler_stopped_runs_again_after_a_restart() throws Exception {
        LiveScheduler scheduler = new LiveScheduler();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch block = new CountDownLatch(1);
        // Occupy the single thread so that the coalesced run stays pending until the stop drops it.
        scheduler.schedule(() -> {
            try {
                block.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ZERO);
        LiveScheduler.Coalesced update = scheduler.coalesce(() -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        update.request();
        scheduler.stop();
        block.countDown();

        scheduler.start();
        update.request();

        assertThat(ran.await(5, TimeUnit.SECONDS)).as("the update runs after the restart").isTrue();
        assertThat(runs.get()).isEqualTo(1);
        scheduler.stop();
    }
}
