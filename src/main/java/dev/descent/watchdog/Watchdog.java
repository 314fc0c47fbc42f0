package dev.descent.watchdog;

import dev.descent.run.NewPoint;
import dev.descent.run.PointsAppended;
import dev.descent.run.RunChanged;
import dev.descent.run.RunEdited;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the detectors as points are stored. Its listeners run inside the writing transaction (plain
 * {@code @EventListener}, not after commit), so an incident is recorded atomically with the points that reveal it:
 * no incident without its points, no acknowledged points whose incident a crash could lose (DD010).
 * <p>
 * Detector state lives in memory, one {@link RunDetectors} per run, built on a run's first batch after a start by
 * replaying its stored loss series once; the incident table's unique key turns anything the replay finds again
 * into a no-op. Batches into one run are serialised by the run's row lock, which the listener runs under.
 */
@Service
class Watchdog {

    private final RunService runs;
    private final IncidentRows incidents;
    private final Webhooks webhooks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WatchdogSettings settings;
    private final Map<Long, RunDetectors> detectors = new ConcurrentHashMap<>();

    Watchdog(RunService runs, IncidentRows incidents, Webhooks webhooks, ApplicationEventPublisher events,
             Clock clock, WatchdogSettings settings) {
        this.runs = runs;
        this.incidents = incidents;
        this.webhooks = webhooks;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** Loss series are what the detectors watch: every series whose name contains "loss" (loss, val_loss, …). */
    static boolean watched(String series) {
        return series.toLowerCase(Locale.ROOT).contains("loss");
    }

    private final class RunDetectors {
        final RunSummary run;
        final Thresholds thresholds;
        final Map<String, SeriesDetector> bySeries = new HashMap<>();
        /** The open stall this node marked, ended by the next batch. */
        volatile @Nullable String stallKey;

        RunDetectors(RunSummary run) {
            this.run = run;
            this.thresholds = settings.thresholds().overriddenBy(run.params());
        }

        SeriesDetector series(String name) {
            return bySeries.computeIfAbsent(name, n -> new SeriesDetector(thresholds));
        }
    }

    @EventListener
    void pointsAppended(PointsAppended appended) {
        long runId = appended.runId();
        forgetOnRollback(runId);
        RunDetectors state = detectors.get(runId);
        if (state == null) {
            // This batch ended any stall (the run's row says so now); its incident ends with it.
            incidents.resolveOpen(runId, AlertEvent.STALLED, clock.instant());
            detectors.put(runId, replay(runId, appended.points()));
            return;
        }
        String stallKey = state.stallKey;
        if (stallKey != null) {
            incidents.resolve(runId, AlertEvent.STALLED, stallKey, clock.instant());
            state.stallKey = null;
        }
        List<NewPoint> watched = new ArrayList<>();
        for (NewPoint p : appended.points()) {
            if (watched(p.series())) {
                watched.add(p);
            }
        }
        watched.sort(Comparator.comparingLong(NewPoint::iteration));
        for (NewPoint p : watched) {
            Finding f = state.series(p.series()).accept(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(),
                    p.value());
            if (f != null) {
                record(state.run, p.series(), f);
            }
        }
    }

    /**
     * A run's detectors after a start: its stored loss series (this batch included, since the transaction sees its
     * own writes) fed through fresh detectors. A divergence found is recorded (once per run, so a known one is a
     * no-op); of the plateaus, only one still open at the end, so an upgrade does not announce a run's old history.
     */
    private RunDetectors replay(long runId, List<NewPoint> batch) {
        RunDetectors state = new RunDetectors(runs.get(runId));
        Set<String> names = new LinkedHashSet<>(runs.storedSeriesNames(runId));
        batch.forEach(p -> names.add(p.series()));
        for (String name : names) {
            if (!watched(name)) {
                continue;
            }
            SeriesData data = runs.readStoredSeries(runId, name);
            SeriesDetector detector = state.series(name);
            Finding.Plateau openPlateau = null;
            for (int i = 0; i < data.size(); i++) {
                Finding f = detector.accept(data.iterations()[i], data.epochs()[i], data.values()[i]);
                if (f instanceof Finding.Diverged) {
                    record(state.run, name, f);
                } else if (f instanceof Finding.Plateau p) {
                    openPlateau = p;
                } else if (f instanceof Finding.PlateauEnded) {
                    openPlateau = null;
                }
            }
            if (openPlateau != null) {
                record(state.run, name, openPlateau);
            }
        }
        return state;
    }

    /** A batch that rolls back may have moved a detector; the next batch rebuilds the run's from what is stored. */
    private void forgetOnRollback(long runId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        detectors.remove(runId);
                    }
                }
            });
        }
    }

    private void record(RunSummary run, String series, Finding finding) {
        switch (finding) {
            case Finding.Diverged d -> detected(run, AlertEvent.DIVERGED, series, "", d.iteration(), d.value(),
                    Messages.diverged(run, series, d));
            case Finding.Plateau p -> detected(run, AlertEvent.PLATEAU, series, series + "@" + p.sinceIteration(),
                    p.iteration(), p.best(), Messages.plateau(run, series, p));
            case Finding.PlateauEnded e ->
                    incidents.resolve(run.id(), AlertEvent.PLATEAU, series + "@" + e.sinceIteration(), clock.instant());
        }
    }

    /** Records the incident if it is new, queues its webhooks in the same transaction, and announces it. */
    Optional<Incident> detected(RunSummary run, AlertEvent event, String series, String onceKey,
                                @Nullable Long iteration, @Nullable Double value, String text) {
        java.time.Instant detectedAt = clock.instant();
        Optional<Long> id = incidents.insert(run.id(), event, series, onceKey, iteration, value, text, detectedAt);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Incident incident = new Incident(id.get(), run.id(), run.project(), run.name(), event, series, iteration,
                value, text, detectedAt, null);
        webhooks.enqueue(incident);
        events.publishEvent(new IncidentDetected(incident));
        return Optional.of(incident);
    }

    @EventListener
    void runChanged(RunChanged change) {
        switch (change.kind()) {
            case STATUS -> statusChanged(change.runId());
            case HISTORY_CLEARED -> {
                detectors.remove(change.runId());
                incidents.resolveAll(change.runId(), clock.instant());
            }
            case DELETED, EDITED -> detectors.remove(change.runId());
            case STALLED -> stalled(change.runId());
            default -> {
            }
        }
    }

    @EventListener
    void runEdited(RunEdited edited) {
        if (edited.fields().contains("status")) {
            statusChanged(edited.runId());
        }
    }

    private void statusChanged(long runId) {
        RunSummary run = runs.get(runId);
        AlertEvent event = run.status() == RunStatus.FINISHED ? AlertEvent.FINISHED
                : run.status() == RunStatus.FAILED ? AlertEvent.FAILED : null;
        if (event != null) {
            detected(run, event, "", Long.toString(run.pointCount()), null, run.lastFiniteLoss(),
                    Messages.statusChanged(run, event));
        }
    }

    private void stalled(long runId) {
        RunSummary run = runs.get(runId);
        java.time.Instant since = run.stalledSince();
        if (since != null) {
            String key = Long.toString(since.toEpochMilli());
            detected(run, AlertEvent.STALLED, "", key, null, run.lastFiniteLoss(),
                    Messages.stalled(run, settings.stalledAfter()));
            RunDetectors state = detectors.get(runId);
            if (state != null) {
                state.stallKey = key;
            }
        }
    }
}
