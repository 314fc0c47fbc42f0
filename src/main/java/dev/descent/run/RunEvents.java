package dev.descent.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans committed changes out to live views. Listeners run on the committing thread, so they must only
 * record that something changed and hand the UI work to another thread (see {@code UiThrottle}).
 */
@Component
public class RunEvents {

    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

    private final List<Consumer<RunChanged>> runListeners = new CopyOnWriteArrayList<>();
    private final List<PointsListener> pointListeners = new CopyOnWriteArrayList<>();

    private record PointsListener(long runId, Consumer<PointsAppended> consumer) {
    }

    /** Every change to any run (creation, status, new points, cleared history). */
    public Subscription onRunChanged(Consumer<RunChanged> listener) {
        runListeners.add(listener);
        return () -> runListeners.remove(listener);
    }

    /** Points committed to one run. */
    public Subscription onPointsAppended(long runId, Consumer<PointsAppended> listener) {
        PointsListener entry = new PointsListener(runId, listener);
        pointListeners.add(entry);
        return () -> pointListeners.remove(entry);
    }

    /** Runs some view follows point by point (after missed notifications, these are told to re-read). */
    public java.util.Set<Long> followedRuns() {
        java.util.Set<Long> runs = new java.util.HashSet<>();
        pointListeners.forEach(l -> runs.add(l.runId));
        return runs;
    }

    /** Live subscriptions; lets tests prove that closed views unsubscribe. */
    public int listenerCount() {
        return runListeners.size() + pointListeners.size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void publish(RunChanged change) {
        runListeners.forEach(l -> deliver(() -> l.accept(change)));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void publish(PointsAppended appended) {
        for (PointsListener l : pointListeners) {
            if (l.runId == appended.runId()) {
                deliver(() -> l.consumer.accept(appended));
            }
        }
    }

    private static void deliver(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            // One broken view must not stop the others (nor the writer) from seeing the change.
            log.warn("A run-change listener failed", e);
        }
    }
}
