package dev.descent.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.descent.base.LiveScheduler;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns any number of change notifications into at most one UI update per {@link LiveScheduler#INTERVAL}.
 * <p>
 * {@link #request()} is cheap and safe to call from a writer's thread: it only schedules. The load runs
 * on the {@link LiveScheduler} outside the session lock; only applying the result happens in
 * {@link UI#access}, so a slow query never blocks the UI nor the writer.
 */
public final class UiThrottle<T> {

    private final LiveScheduler.Coalesced update;

    public UiThrottle(LiveScheduler scheduler, UI ui, Supplier<T> load, Consumer<T> apply) {
        this.update = scheduler.coalesce(() -> {
            T loaded = load.get();
            access(ui, () -> apply.accept(loaded));
        });
    }

    public void request() {
        update.request();
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
