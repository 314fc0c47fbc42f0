package dev.descent.run;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creates runs, stores and reads their points, and announces every change after it is committed. */
@Service
public class RunService {

    public static final String LOSS = "loss";

    private final RunRepository runs;
    private final RunRows runRows;
    private final PointStore points;
    private final SeriesCache cache;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int maxSeriesPerRun;

    RunService(RunRepository runs, RunRows runRows, PointStore points, SeriesCache cache, ApplicationEventPublisher events,
               JsonMapper json, Clock clock, PlatformTransactionManager transactionManager,
               @Value("${descent.limits.series-per-run:1000}") int maxSeriesPerRun) {
        this.maxSeriesPerRun = maxSeriesPerRun;
        this.runs = runs;
        this.runRows = runRows;
        this.points = points;
        this.cache = cache;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Returns the run of that name in the project, creating it first if needed (a restarted job resumes). */
    public ResumedRun createOrResume(String project, String name, Map<String, ?> params, Collection<String> tags) {
        try {
            return requireNonNull(transaction.execute(status -> findOrCreate(project, name, params, tags)));
        } catch (DataIntegrityViolationException raced) {
            // Another request created the same run between our lookup and insert: resume that one.
            return requireNonNull(transaction.execute(status -> findOrCreate(project, name, params, tags)));
        }
    }

    private ResumedRun findOrCreate(String project, String name, Map<String, ?> params, Collection<String> tags) {
        Optional<RunEntity> existing = runs.findByProjectAndName(project, name);
        if (existing.isPresent()) {
            return new ResumedRun(toSummary(existing.get()), false);
        }
        RunEntity run = runs.saveAndFlush(new RunEntity(project, name, json.writeValueAsString(params),
                new LinkedHashSet<>(tags), clock.instant()));
        events.publishEvent(new RunChanged(run.id(), RunChanged.Kind.CREATED));
        return new ResumedRun(toSummary(run), true);
    }

    /**
     * Stores a batch atomically. A point at an iteration the series already has replaces the stored one
     * (a job restarted from a checkpoint re-logs those steps), and so does a later point of the same batch.
     */
    @Transactional
    public AppendResult append(long runId, List<NewPoint> batch) {
        RunRows.LockedRun run = runRows.lockForAppend(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (batch.isEmpty()) {
            return new AppendResult(0, 0);
        }
        Map<PointStore.Key, NewPoint> lastWins = new LinkedHashMap<>();
        NewPoint latestLoss = null;
        for (NewPoint p : batch) {
            lastWins.put(new PointStore.Key(p.series(), p.iteration()), p);
            if (p.series().equals(LOSS) && (latestLoss == null || p.iteration() >= latestLoss.iteration())) {
                latestLoss = p;
            }
        }
        checkSeriesLimit(runId, lastWins.keySet());
        List<NewPoint> distinct = List.copyOf(lastWins.values());
        int inserted = points.write(runId, distinct);
        List<NewPoint> losses = distinct.stream().filter(p -> p.series().equals(LOSS)).toList();
        LossExtremes extremes = run.extremes().invalidatedBy(losses) ? scanExtremes(runId)
                : run.extremes().with(losses);
        runRows.recordAppend(run, inserted, latestLoss, extremes, clock.instant());
        int duplicates = batch.size() - inserted;
        events.publishEvent(new PointsAppended(runId, distinct, duplicates > 0));
        events.publishEvent(new RunChanged(runId, RunChanged.Kind.POINTS));
        return new AppendResult(batch.size(), duplicates);
    }

    /** The loss extremes read from the stored series (with this transaction's writes). */
    private LossExtremes scanExtremes(long runId) {
        SeriesData loss = points.read(runId, LOSS, 0, Long.MAX_VALUE);
        return LossExtremes.scan(loss.iterations(), loss.values());
    }

    /**
     * Fills in the loss extremes of one run stored before they were kept (V12), under its row lock so that an
     * append cannot slip in between; returns whether the run still exists.
     */
    @Transactional
    public boolean backfillExtremes(long runId) {
        return runRows.lockForAppend(runId).map(run -> {
            runRows.recordExtremes(runId, scanExtremes(runId));
            return true;
        }).orElse(false);
    }

    /** Runs with points whose loss extremes are not known (see {@link #backfillExtremes}). */
    @Transactional(readOnly = true)
    public List<Long> runsWithoutExtremes() {
        return runRows.withoutExtremes();
    }

    /**
     * Refuses a batch that would give the run more than {@code descent.limits.series-per-run} series. Cheap in
     * the usual case: series the cache or one index seek each knows are not new; only a batch that really
     * starts a series counts the run's series (under the run's row lock, so concurrent batches cannot both
     * squeeze past the limit).
     */
    private void checkSeriesLimit(long runId, Set<PointStore.Key> keys) {
        Set<String> batchSeries = new LinkedHashSet<>();
        keys.forEach(k -> batchSeries.add(k.series()));
        List<String> known = cache.cachedSeriesNames(runId).orElse(List.of());
        List<String> fresh = batchSeries.stream()
                .filter(s -> !known.contains(s) && !points.hasSeries(runId, s)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        int existing = points.seriesNames(runId).size();
        if (existing + fresh.size() > maxSeriesPerRun) {
            throw new SeriesLimitExceededException(runId, maxSeriesPerRun, existing, fresh.size());
        }
    }

    @Transactional
    public RunSummary changeStatus(long runId, RunStatus status) {
        RunEntity run = runs.findById(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.status() != status) {
            run.changeStatus(status, clock.instant());
            events.publishEvent(new RunChanged(runId, RunChanged.Kind.STATUS));
        }
        return toSummary(run);
    }

    /** RUNNING runs that received nothing since {@code cutoff} and are not marked stalled yet (the watchdog's query). */
    @Transactional(readOnly = true)
    public List<Long> stallCandidates(Instant cutoff) {
        return runRows.stallCandidates(cutoff);
    }

    /**
     * Marks a RUNNING run stalled if it still received nothing since {@code cutoff}; its next point ends the stall.
     * Exactly one caller wins when several nodes check at once (the run's row is locked and re-checked).
     *
     * @return since when the run is stalled (its last point, or its start), empty if it is not (any more)
     */
    @Transactional
    public Optional<Instant> markStalled(long runId, Instant cutoff) {
        Optional<Instant> since = runRows.markStalled(runId, cutoff);
        since.ifPresent(s -> events.publishEvent(new RunChanged(runId, RunChanged.Kind.STALLED)));
        return since;
    }

    /** The params column holds 100,000 characters of JSON. */
    public static final int MAX_PARAMS_CHARS = 100_000;
    public static final int MAX_NOTES_CHARS = 10_000;

    /**
     * Edits a run after it started: status, tags (replaced), notes, params (merged; a null value removes its key).
     * Audited (RunEdited) in the same transaction.
     *
     * @throws IllegalArgumentException when the merged params would exceed {@link #MAX_PARAMS_CHARS} or the notes
     *                                  {@link #MAX_NOTES_CHARS}
     */
    @Transactional
    public RunSummary edit(long runId, RunEdit edit) {
        RunEntity run = runs.findById(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (edit.notes() != null && edit.notes().length() > MAX_NOTES_CHARS) {
            throw new IllegalArgumentException("notes: at most " + MAX_NOTES_CHARS + " characters, got "
                    + edit.notes().length());
        }
        String paramsJson = null;
        if (edit.params() != null) {
            Map<String, Object> merged = json.readValue(run.paramsJson(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            edit.params().forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            paramsJson = json.writeValueAsString(merged);
            if (paramsJson.length() > MAX_PARAMS_CHARS) {
                throw new IllegalArgumentException("params: at most " + MAX_PARAMS_CHARS
                        + " characters as JSON after merging, got " + paramsJson.length());
            }
        }
        Instant now = clock.instant();
        run.edit(edit.notes(), edit.tags(), paramsJson, now);
        RunStatus status = edit.status();
        boolean statusChanged = false;
        if (status != null && run.status() != status) {
            run.changeStatus(status, now);
            statusChanged = true;
        }
        events.publishEvent(new RunEdited(runId, run.project(), run.name(), edit.fields()));
        // One announcement per edit: watchers re-read the whole run either way.
        boolean onlyStatus = edit.tags() == null && edit.notes() == null && edit.params() == null;
        events.publishEvent(new RunChanged(runId, onlyStatus && statusChanged ? RunChanged.Kind.STATUS : RunChanged.Kind.EDITED));
        return toSummary(run);
    }

    /**
     * Deletes every point of the run and keeps the run itself; returns how many points were deleted.
     * Admins only, checked here and not just by hiding buttons.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int clearHistory(long runId) {
        return clear(runs.findForUpdate(runId).orElseThrow(() -> new RunNotFoundException(runId)));
    }

    /** Clears the histories of every run of the project; returns how many points were deleted. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public long clearProject(String project) {
        long deleted = 0;
        for (RunEntity run : runs.findByProject(project)) {
            deleted += clear(run);
        }
        return deleted;
    }

    /** Deletes the run and all its points; returns how many points were deleted. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int deleteRun(long runId) {
        RunEntity run = runs.findForUpdate(runId).orElseThrow(() -> new RunNotFoundException(runId));
        int deleted = points.deleteAll(runId);
        runs.delete(run);
        events.publishEvent(new RunDataDeleted(runId, run.project(), run.name(), RunDataDeleted.Action.RUN_DELETED, deleted));
        events.publishEvent(new RunChanged(runId, RunChanged.Kind.DELETED));
        return deleted;
    }

    private int clear(RunEntity run) {
        int deleted = points.deleteAll(run.id());
        run.recordCleared(clock.instant());
        events.publishEvent(new RunDataDeleted(run.id(), run.project(), run.name(),
                RunDataDeleted.Action.HISTORY_CLEARED, deleted));
        events.publishEvent(new RunChanged(run.id(), RunChanged.Kind.HISTORY_CLEARED));
        return deleted;
    }

    /** Runs and points of a project, for a confirmation that states exactly what would be deleted. */
    @Transactional(readOnly = true)
    public ProjectSize projectSize(String project) {
        List<RunEntity> all = runs.findByProject(project);
        return new ProjectSize(project, all.size(), all.stream().mapToLong(RunEntity::pointCount).sum());
    }

    public record ProjectSize(String project, int runs, long points) {
    }

    @Transactional(readOnly = true)
    public Optional<RunSummary> find(long runId) {
        return runs.findById(runId).map(this::toSummary);
    }

    @Transactional(readOnly = true)
    public RunSummary get(long runId) {
        return find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /** Every run, most recently updated first. */
    @Transactional(readOnly = true)
    public List<RunSummary> list() {
        return runs.findAllByOrderByUpdatedAtDesc().stream().map(this::toSummary).toList();
    }

    /** Runs of a project and/or with a status (null: any), most recently updated first. */
    @Transactional(readOnly = true)
    public List<RunSummary> list(@Nullable String project, @Nullable RunStatus status) {
        return runs.findMatching(project, status).stream().map(this::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public boolean anyRun() {
        return runs.count() > 0;
    }

    @Transactional(readOnly = true)
    public boolean projectExists(String project) {
        return runs.existsByProject(project);
    }

    @Transactional(readOnly = true)
    public List<String> seriesNames(long runId) {
        requireRun(runId);
        return cache.seriesNames(runId, () -> points.seriesNames(runId));
    }

    /**
     * The stored series read straight from the database, past the series cache: inside a writing transaction it
     * sees that transaction's own points, and nothing it reads is cached before the transaction commits.
     */
    @Transactional(readOnly = true)
    public SeriesData readStoredSeries(long runId, String series) {
        return points.read(runId, series, 0, Long.MAX_VALUE);
    }

    /** Forgets every cached series: this node missed other nodes' changes (see {@code cluster}). */
    public void forgetCachedSeries() {
        cache.clearAll();
    }

    /** Points of one series in an iteration range, read straight from the database (another node's batch). */
    @Transactional(readOnly = true)
    public SeriesData readStoredSeries(long runId, String series, long fromIteration, long toIteration) {
        return points.read(runId, series, fromIteration, toIteration);
    }

    /** The run's series names read straight from the database, past the cache (see {@link #readStoredSeries}). */
    @Transactional(readOnly = true)
    public List<String> storedSeriesNames(long runId) {
        return points.seriesNames(runId);
    }

    @Transactional(readOnly = true)
    public SeriesData readSeries(long runId, String series) {
        return readSeries(runId, series, 0, Long.MAX_VALUE);
    }

    @Transactional(readOnly = true)
    public SeriesData readSeries(long runId, String series, long fromIteration, long toIteration) {
        requireRun(runId);
        return cache.read(runId, series, fromIteration, toIteration,
                () -> points.read(runId, series, 0, Long.MAX_VALUE));
    }

    /** Throws {@link RunNotFoundException} unless the run exists (one indexed lookup, no scan of its points). */
    @Transactional(readOnly = true)
    public void requireExists(long runId) {
        requireRun(runId);
    }

    private void requireRun(long runId) {
        if (!runs.existsById(runId)) {
            throw new RunNotFoundException(runId);
        }
    }

    private RunSummary toSummary(RunEntity run) {
        Map<String, Object> params = json.readValue(run.paramsJson(), new TypeReference<>() {
        });
        Double last = run.lastLoss();
        // A diverged run (its latest loss NaN or ±∞, rare) costs one look at its last chunk, so that every view
        // can say "NaN since iteration N" next to the last finite loss.
        PointStore.Tail tail = last == null || Double.isFinite(last) ? new PointStore.Tail(last, null, null)
                : points.tail(run.id(), LOSS);
        return new RunSummary(run.id(), run.project(), run.name(), run.status(), params,
                List.copyOf(run.tags()), run.createdAt(), run.updatedAt(), run.pointCount(), last, tail.lastFinite(),
                tail.nonFiniteSince(), run.notes(), run.stalledSince(), run.firstLoss(), run.minLoss(),
                run.minLossIteration());
    }

    private static <T> T requireNonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("transaction returned no result");
        }
        return value;
    }
}
