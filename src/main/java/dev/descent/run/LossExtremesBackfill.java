package dev.descent.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Fills in the loss extremes (V12) of runs stored before they were kept, once, after start: one read of each such
 * run's loss series under its row lock. Appends keep them from then on. A run without any finite loss yet is
 * looked at again at the next start (cheap: it has no loss to read, or only NaN).
 */
@Component
class LossExtremesBackfill {

    private static final Logger log = LoggerFactory.getLogger(LossExtremesBackfill.class);

    private final RunService runs;

    LossExtremesBackfill(RunService runs) {
        this.runs = runs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        List<Long> missing = runs.runsWithoutExtremes();
        if (missing.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        missing.forEach(runs::backfillExtremes);
        log.info("Loss extremes of {} runs filled in ({} ms)", missing.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
