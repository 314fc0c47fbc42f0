package dev.descent.watchdog;

import dev.descent.run.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds RUNNING runs that stopped sending points: every {@code descent.watchdog.check-interval}, one indexed query
 * for candidates, then a locked re-check per run ({@link RunService#markStalled}), so that a point arriving at the
 * same moment, or another node checking too, never makes a second incident. The {@code STALLED} change that
 * follows is recorded by {@link Watchdog} in the same transaction.
 */
@Service
class StallCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StallCheck.class);

    private final RunService runs;
    private final WatchdogSettings settings;
    private final Clock clock;
    /** A new timer per start: Spring pauses and restarts lifecycle beans (test contexts kept in a cache do). */
    private volatile @org.jspecify.annotations.Nullable ScheduledExecutorService timer;
    private volatile boolean running;

    StallCheck(RunService runs, WatchdogSettings settings, Clock clock) {
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Marks every run stalled that is; returns how many were newly marked. */
    int check() {
        Instant cutoff = clock.instant().minus(settings.stalledAfter());
        int marked = 0;
        for (long runId : runs.stallCandidates(cutoff)) {
            if (runs.markStalled(runId, cutoff).isPresent()) {
                marked++;
            }
        }
        return marked;
    }

    @Override
    public void start() {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stall-check").daemon().factory());
        this.timer = timer;
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("Stall check failed; trying again in {}", settings.checkInterval(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService timer = this.timer;
        if (timer != null) {
            // Not shutdownNow: interrupting a check while H2 writes closes the database (see WebhookDispatcher.stop).
            timer.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
