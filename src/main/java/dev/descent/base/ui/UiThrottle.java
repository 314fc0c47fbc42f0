package dev.descent.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns any number of change notifications into at most one UI update per interval.
 * <p>
 * {@link #request()} is cheap and safe to call from a writer's thread: it only schedules. The load runs
 * on a background thread outside the session lock; only applying the result happens in
 * {@link UI#access}, so a slow query never blocks the UI nor the writer.
 */
public final class UiThrottle<T> {

    /** Vaadin advises no more than a few pushes per second per UI. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "descent-ui-throttle");
        t.setDaemon(true);
        return t;
    });

    private final UI ui;
    private final long intervalNanos;
    private final Supplier<T> load;
    private final Consumer<T> apply;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastRunNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public UiThrottle(UI ui, Duration interval, Supplier<T> load, Consumer<T> apply) {
        this.ui = ui;
        this.intervalNanos = interval.toNanos();
        this.load = load;
        this.apply = apply;
    }

    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastRunNanos + intervalNanos - System.nanoTime());
            SCHEDULER.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void run() {
        lastRunNanos = System.nanoTime();
        // Cleared before loading so a change that lands while we load schedules another update.
        scheduled.set(false);
        try {
            T loaded = load.get();
            ui.access(() -> apply.accept(loaded));
        } catch (UIDetachedException closed) {
            // The view went away between the notification and the update; nothing to show.
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(UiThrottle.class).warn("Live update failed", e);
        }
    }
}
