package dev.descent.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one thread that runs live updates (reads for views, pushes to browsers), injected wherever they are
 * scheduled. It is a lifecycle bean so that it stops when the server starts shutting down, before the
 * database closes: a live update then never meets a closed database ("Database is already closed"), and
 * tests can run it on a scheduler they control.
 */
@Component
public class LiveScheduler implements SmartLifecycle {

    /** How often a live view may be updated at most: Vaadin advises no more than a few pushes per second per UI. */
    public static final Duration INTERVAL = Duration.ofMillis(250);
    /** How often this scheduler was started; see {@link Coalesced#request()}. */
    private volatile long starts;

    private static final Logger log = LoggerFactory.getLogger(LiveScheduler.class);

    private volatile ScheduledThreadPoolExecutor executor = newExecutor();
    private volatile boolean running = true;

    private static ScheduledThreadPoolExecutor newExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "descent-live");
            t.setDaemon(true);
            return t;
        });
        // Stopped: what is scheduled is dropped, only the update running finishes (see stop()).
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Runs {@code task} after {@code delay}.
     *
     * @return false when it was not scheduled: the server is shutting down (or, in tests, the context is paused)
     */
    public boolean schedule(Runnable task, Duration delay) {
        if (!running) {
            return false;
        }
        try {
            long generation = starts;
            executor.schedule(() -> runGuarded(task, generation), delay.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            // Shutdown raced with this request: nobody is left to see the update.
            return false;
        }
    }

    /** Runs a task unless the scheduler stopped since it was scheduled (a stopped executor still runs what was due). */
    private void runGuarded(Runnable task, long generation) {
        if (!running || generation != starts) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Live update failed", e);
            }
        }
    }

    /**
     * {@code task}, run on this scheduler at most once per {@link #INTERVAL} however often it is requested: every
     * request made while a run is pending joins it, and one made while it runs schedules the next.
     */
    public Coalesced coalesce(Runnable task) {
        return new Coalesced(task);
    }

    /** See {@link #coalesce}. {@link #request()} is cheap and safe from any thread (a committing writer's too). */
    public final class Coalesced {
        private final Runnable task;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile long lastRunNanos = System.nanoTime() - Long.MAX_VALUE / 2;
        /** The start its pending run was scheduled in: a run pending when the scheduler stopped never happens. */
        private volatile long scheduledIn = -1;

        private Coalesced(Runnable task) {
            this.task = task;
        }

        public void request() {
            if (scheduled.get() && scheduledIn != starts) {
                // Scheduled before a stop (tests pause and restart cached contexts): that run was dropped with
                // the old executor, and without this every later request would wait for it forever.
                scheduled.set(false);
            }
            if (scheduled.compareAndSet(false, true)) {
                scheduledIn = starts;
                long wait = Math.max(0, lastRunNanos + INTERVAL.toNanos() - System.nanoTime());
                if (!schedule(this::run, Duration.ofNanos(wait))) {
                    scheduled.set(false);
                }
            }
        }

        private void run() {
            lastRunNanos = System.nanoTime();
            // Cleared before running so a request that lands meanwhile schedules another run.
            scheduled.set(false);
            task.run();
        }
    }

    @Override
    public synchronized void start() {
        if (!running) {
            executor = newExecutor();
            starts++;
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        ScheduledThreadPoolExecutor executor = this.executor;
        // Not shutdownNow: an interrupted live update reading H2 closes its file channel and the database with it.
        // Pending updates are dropped, the one running finishes.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.info("A live update was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops early in shutdown, before the web server and the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
