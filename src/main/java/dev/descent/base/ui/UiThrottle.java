package dev.descent.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.descent.base.LiveScheduler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns any number of change notifications into at most one UI update per interval.
 * <p>
 * {@link #request()} is cheap and safe to call from a writer's thread: it only schedules. The load runs
 * on the {@link LiveScheduler} outside the session lock; only applying the result happens in
 * {@link UI#access}, so a slow query never blocks the UI nor the writer.
 */
public final class UiThrottle<T> {

    /** Vaadin advises no more than a few pushes per second per UI. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private final LiveScheduler scheduler;
    private final UI ui;
    private final long intervalNanos;
    private final Supplier<T> load;
    private final Consumer<T> apply;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastRunNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public UiThrottle(LiveScheduler scheduler, UI ui, Duration interval, Supplier<T> load, Consumer<T> apply) {
        this.scheduler = scheduler;
        this.ui = ui;
        this.intervalNanos = interval.toNanos();
        this.load = load;
        this.apply = apply;
    }

    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastRunNanos + intervalNanos - System.nanoTime());
            if (!scheduler.schedule(this::run, Duration.ofNanos(wait))) {
                scheduled.set(false);
            }
        }
    }

    private void run() {
        lastRunNanos = System.nanoTime();
        // Cleared before loading so a change that lands while we load schedules another update.
        scheduled.set(false);
        T loaded = load.get();
        access(ui, () -> apply.accept(loaded));
    }

    /** Applies an update to a UI that may have gone away meanwhile (then there is nothing to show). */
    public static void access(UI ui, Runnable update) {
        try {
            ui.access(update::run);
        } catch (UIDetachedException closed) {
            // The view went away between the notification and the update.
        }
    }
}
