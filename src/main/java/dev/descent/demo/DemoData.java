package dev.descent.demo;

import dev.descent.run.NewPoint;
import dev.descent.run.ResumedRun;
import dev.descent.run.RunNotFoundException;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo project into an empty database and then plays a live run: one step every tick,
 * until it is done, when it finishes the run and starts the next one.
 */
@Component
@ConditionalOnProperty(name = "descent.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData {

    static final String PROJECT = "demo";
    static final String LIVE_PREFIX = "live-transformer-";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final RunService runs;
    private final Clock clock;
    private final int livePoints;
    private volatile boolean ready;
    private @Nullable LiveRun live;

    private record LiveRun(long runId, int number, DemoCurve curve, long nextStep) {
    }

    DemoData(RunService runs, Clock clock, @Value("${descent.demo.live-points:10000}") int livePoints) {
        this.runs = runs;
        this.clock = clock;
        this.livePoints = livePoints;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!runs.anyRun()) {
            log.info("Empty database: creating the demo project (turn off with descent.demo.enabled=false)");
            seedFinished("resnet18-baseline", Map.of("lr", 1e-3, "batch_size", 128, "optimizer", "adamw"),
                    new DemoCurve(2.3, 0.18, 600, 0.06, 100, 3000, -1, -1, 1e-3, 1));
            seedFinished("resnet18-lr3e-3", Map.of("lr", 3e-3, "batch_size", 128, "optimizer", "adamw"),
                    new DemoCurve(2.3, 0.09, 400, 0.08, 100, 3000, 1400, -1, 3e-3, 2));
            seedFinished("resnet18-sgd-plateau", Map.of("lr", 1e-2, "batch_size", 256, "optimizer", "sgd"),
                    new DemoCurve(2.3, 0.35, 300, 0.04, 100, 3000, -1, 900, 1e-2, 3));
        }
        if (runs.projectExists(PROJECT)) {
            live = resumeOrStartLive();
            ready = true;
        }
    }

    private void seedFinished(String name, Map<String, Object> params, DemoCurve curve) {
        RunSummary run = runs.createOrResume(PROJECT, name, params, List.of("demo")).run();
        long start = clock.millis() - Duration.ofHours(6).toMillis();
        List<NewPoint> batch = new ArrayList<>();
        for (int step = 0; step < curve.totalSteps(); step++) {
            batch.addAll(curve.pointsAt(step, start + step * 2_000L));
            if (batch.size() >= 2_000) {
                runs.append(run.id(), batch);
                batch.clear();
            }
        }
        runs.append(run.id(), batch);
        runs.changeStatus(run.id(), RunStatus.FINISHED);
    }

    private LiveRun resumeOrStartLive() {
        int highest = 0;
        for (RunSummary run : runs.list(PROJECT, null)) {
            if (!run.name().startsWith(LIVE_PREFIX)) {
                continue;
            }
            int number = Integer.parseInt(run.name().substring(LIVE_PREFIX.length()));
            highest = Math.max(highest, number);
            if (run.status() == RunStatus.RUNNING) {
                SeriesData loss = runs.readSeries(run.id(), RunService.LOSS);
                long next = loss.size() == 0 ? 0 : loss.iterations()[loss.size() - 1] + 1;
                return new LiveRun(run.id(), number, liveCurve(number), next);
            }
        }
        return startLive(highest + 1);
    }

    private LiveRun startLive(int number) {
        ResumedRun run = runs.createOrResume(PROJECT, LIVE_PREFIX + number,
                Map.of("lr", 5e-4, "batch_size", 64, "optimizer", "adamw", "layers", 6), List.of("demo", "live"));
        return new LiveRun(run.run().id(), number, liveCurve(number), 0);
    }

    private DemoCurve liveCurve(int number) {
        return new DemoCurve(4.0, 0.6 + 0.1 * (number % 3), livePoints / 6.0, 0.05, 250, livePoints,
                livePoints / 3, -1, 5e-4, 100 + number);
    }

    @Scheduled(fixedDelayString = "${descent.demo.interval-ms:500}", initialDelay = 500)
    void tick() {
        LiveRun current = live;
        if (!ready || current == null) {
            return;
        }
        if (current.nextStep >= livePoints) {
            runs.changeStatus(current.runId, RunStatus.FINISHED);
            live = startLive(current.number + 1);
            return;
        }
        try {
            runs.append(current.runId, current.curve.pointsAt(current.nextStep, clock.millis()));
            live = new LiveRun(current.runId, current.number, current.curve, current.nextStep + 1);
        } catch (RunNotFoundException deletedByAnAdmin) {
            live = startLive(current.number + 1);
        }
    }
}
