package dev.descent.run;

import dev.descent.base.LiveScheduler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Live views of runs share their reads: after a burst of changes to a run, its summary is read once and handed
 * to every view that watches it; after changes to any run, the list is read once for every open runs list.
 * Before, each open monitor read its run and each open list read all runs on every points commit.
 * <p>
 * Watchers are called on the {@link LiveScheduler}'s thread and must hand UI work to their UI.
 */
@Component
public class RunWatch {

    private final RunService runs;
    private final LiveScheduler scheduler;
    private final Map<Long, Shared<Optional<RunSummary>>> byRun = new ConcurrentHashMap<>();
    private final Shared<List<RunSummary>> list;

    RunWatch(RunService runs, RunEvents events, LiveScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
        this.list = new Shared<>(runs::list);
        events.onRunChanged(this::changed);
    }

    /** Calls {@code watcher} with the run after it changed (empty once it is deleted). */
    public Subscription watchRun(long runId, Consumer<Optional<RunSummary>> watcher) {
        byRun.compute(runId, (id, shared) -> {
            Shared<Optional<RunSummary>> s = shared != null ? shared : new Shared<>(() -> runs.find(id));
            s.watchers.add(watcher);
            return s;
        });
        return () -> byRun.computeIfPresent(runId, (id, s) -> {
            s.watchers.remove(watcher);
            return s.watchers.isEmpty() ? null : s;
        });
    }

    /** Calls {@code watcher} with every run after any run changed, and once now. */
    public Subscription watchList(Consumer<List<RunSummary>> watcher) {
        list.watchers.add(watcher);
        // A change committed before this subscription would otherwise be missed.
        list.request();
        return () -> list.watchers.remove(watcher);
    }

    /** Watchers now (a test checks that closed views stop watching). */
    public int watcherCount() {
        return list.watchers.size() + byRun.values().stream().mapToInt(s -> s.watchers.size()).sum();
    }

    /** Reads done since start (a test measures that views share them). */
    public long reads() {
        return list.reads + byRun.values().stream().mapToLong(s -> s.reads).sum();
    }

    private void changed(RunChanged change) {
        Shared<Optional<RunSummary>> shared = byRun.get(change.runId());
        if (shared != null) {
            shared.request();
        }
        if (!list.watchers.isEmpty()) {
            list.request();
        }
    }

    private final class Shared<T> {
        final List<Consumer<T>> watchers = new CopyOnWriteArrayList<>();
        final Supplier<T> read;
        final LiveScheduler.Coalesced delivery = scheduler.coalesce(this::deliver);
        volatile long reads;

        Shared(Supplier<T> read) {
            this.read = read;
        }

        void request() {
            delivery.request();
        }

        private void deliver() {
            if (watchers.isEmpty()) {
                return;
            }
            T value = read.get();
            reads++;
            watchers.forEach(w -> w.accept(value));
        }
    }
}
