package dev.descent.run;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recently read series kept in memory as primitive columns, bounded by a total number of points and
 * evicted least-recently-used first. Reading a million points from the database takes seconds; from here,
 * milliseconds. Committed appends after a cached series' last iteration are added in place; anything else
 * (a late or replaced point, a cleared history) drops the run's entries so the next read reloads them.
 * <p>
 * A per-run generation counter, bumped on every committed change, stops a load that raced with a commit
 * from caching what it read before that commit, unless the commits were only appends: those are collected
 * while the load runs ({@link Loading}) and added to what it read. Without that, a series of a run being
 * written several times a second could never be cached again once evicted, since loading it takes longer than
 * the gap between two batches: every read then went to the database, and under the soak benchmark reads
 * queued for 30 s and failed (docs/performance.md).
 */
@Component
class SeriesCache {

    private record Key(long runId, String series) {
    }

    private final long maxPoints;
    private final LinkedHashMap<Key, Columns> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Long, Long> generations = new HashMap<>();
    private final Map<Long, List<String>> seriesNames = new HashMap<>();
    /** Loads in progress, with the appends committed to their series meanwhile. */
    private final Map<Key, Loading> loading = new HashMap<>();

    /** Appends committed while a series loads; poisoned by anything that is not a plain append. */
    private static final class Loading {
        final List<NewPoint> appended = new java.util.ArrayList<>();
        boolean poisoned;
        int loaders;
    }
    private long cachedPoints;

    SeriesCache(@Value("${descent.cache.max-points:10000000}") long maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** The series (or its iteration range), from memory when cached, else loaded whole and cached. */
    SeriesData read(long runId, String series, long from, long to, Supplier<SeriesData> loadWhole) {
        Key key = new Key(runId, series);
        long generation;
        synchronized (this) {
            Columns entry = entries.get(key);
            if (entry != null) {
                return entry.toSeries(series, from, to);
            }
            generation = generations.getOrDefault(runId, 0L);
            loading.computeIfAbsent(key, k -> new Loading()).loaders++;
        }
        SeriesData whole;
        try {
            whole = loadWhole.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                finishLoading(key);
            }
            throw e;
        }
        Columns loaded = Columns.of(whole);
        synchronized (this) {
            Loading meanwhile = finishLoading(key);
            boolean unchanged = generations.getOrDefault(runId, 0L) == generation;
            boolean caughtUp = unchanged || (!meanwhile.poisoned && catchUp(loaded, meanwhile.appended));
            if (caughtUp && loaded.size <= maxPoints && !insideWritingTransaction() && !entries.containsKey(key)) {
                entries.put(key, loaded);
                cachedPoints += loaded.size;
                evict();
            }
        }
        return loaded.toSeries(series, from, to);
    }

    private Loading finishLoading(Key key) {
        Loading state = java.util.Objects.requireNonNull(loading.get(key), "registered before loading");
        if (--state.loaders == 0) {
            loading.remove(key);
        }
        return state;
    }

    /**
     * Adds to a loaded series the points appended while it loaded. A point the load already read (committed
     * before its snapshot) is skipped; false if one lands inside what was read without being in it (a late point
     * committed after the snapshot), since the entry would then be wrong.
     */
    private static boolean catchUp(Columns loaded, List<NewPoint> appended) {
        List<NewPoint> sorted = new java.util.ArrayList<>(appended);
        sorted.sort(Comparator.comparingLong(NewPoint::iteration));
        List<NewPoint> after = new java.util.ArrayList<>();
        for (NewPoint p : sorted) {
            if (p.iteration() > loaded.last()) {
                after.add(p);
            } else if (Arrays.binarySearch(loaded.iterations, 0, loaded.size, p.iteration()) < 0) {
                return false;
            }
        }
        loaded.append(after);
        return true;
    }

    /** The run's series names if they are in memory now; never loads them. */
    synchronized java.util.Optional<List<String>> cachedSeriesNames(long runId) {
        return java.util.Optional.ofNullable(seriesNames.get(runId));
    }

    /** The run's series names; listing them from the database scans every point of the run. */
    List<String> seriesNames(long runId, Supplier<List<String>> load) {
        long generation;
        synchronized (this) {
            List<String> names = seriesNames.get(runId);
            if (names != null) {
                return names;
            }
            generation = generations.getOrDefault(runId, 0L);
        }
        List<String> loaded = List.copyOf(load.get());
        synchronized (this) {
            if (generations.getOrDefault(runId, 0L) == generation && !insideWritingTransaction()) {
                seriesNames.put(runId, loaded);
            }
        }
        return loaded;
    }

    // Before RunEvents tells the views (its listeners have the default, lowest precedence): a view that reads the
    // run as soon as it hears of a change must not get what the cache held before it.
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void onAppended(PointsAppended appended) {
        long runId = appended.runId();
        generations.merge(runId, 1L, Long::sum);
        List<String> names = seriesNames.get(runId);
        if (names != null && appended.points().stream().anyMatch(p -> !names.contains(p.series()))) {
            seriesNames.remove(runId);
        }
        if (appended.replacedExisting()) {
            poisonLoads(runId);
            dropRun(runId);
            return;
        }
        Map<String, List<NewPoint>> bySeries = new HashMap<>();
        for (NewPoint p : appended.points()) {
            bySeries.computeIfAbsent(p.series(), s -> new java.util.ArrayList<>()).add(p);
        }
        bySeries.forEach((series, points) -> {
            Key key = new Key(runId, series);
            Loading inProgress = loading.get(key);
            if (inProgress != null) {
                inProgress.appended.addAll(points);
            }
            Columns entry = entries.get(key);
            if (entry == null) {
                return;
            }
            points.sort(Comparator.comparingLong(NewPoint::iteration));
            if (points.getFirst().iteration() > entry.last()) {
                entry.append(points);
                cachedPoints += points.size();
            } else {
                entries.remove(key);
                cachedPoints -= entry.size;
            }
        });
        evict();
    }

    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void onRunChanged(RunChanged change) {
        if (change.kind() == RunChanged.Kind.HISTORY_CLEARED || change.kind() == RunChanged.Kind.DELETED
                || change.kind() == RunChanged.Kind.RELOADED) {
            generations.merge(change.runId(), 1L, Long::sum);
            seriesNames.remove(change.runId());
            poisonLoads(change.runId());
            dropRun(change.runId());
        }
    }

    /**
     * Forgets everything: this node missed changes made elsewhere (another node's, while it could not hear them),
     * so nothing it holds can be trusted. Reads in progress are not cached either.
     */
    synchronized void clearAll() {
        loading.values().forEach(l -> l.poisoned = true);
        entries.clear();
        cachedPoints = 0;
        seriesNames.clear();
        generations.replaceAll((run, generation) -> generation + 1);
    }

    /** A read inside a transaction that writes may see rows that are later rolled back: never cache those. */
    private static boolean insideWritingTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    private void poisonLoads(long runId) {
        loading.forEach((key, state) -> {
            if (key.runId() == runId) {
                state.poisoned = true;
            }
        });
    }

    private void dropRun(long runId) {
        Iterator<Map.Entry<Key, Columns>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Columns> e = it.next();
            if (e.getKey().runId() == runId) {
                cachedPoints -= e.getValue().size;
                it.remove();
            }
        }
    }

    private void evict() {
        Iterator<Map.Entry<Key, Columns>> it = entries.entrySet().iterator();
        while (cachedPoints > maxPoints && it.hasNext()) {
            cachedPoints -= it.next().getValue().size;
            it.remove();
        }
    }

}
