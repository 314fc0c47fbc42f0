package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Something the watchdog detected, once.
 *
 * @param series     the series it concerns, "" for run-wide events (stalled, finished, failed)
 * @param iteration  where it happened: the diverging point, where the plateau was noticed, the last point before
 *                   a stall; null when the run had no point
 * @param value      the value there (NaN and ±∞ as they are), null when there is none
 * @param text       one line for people: what happened, in which run, where
 * @param resolvedAt when it stopped being true (the loss improved again, the history was cleared), null while open;
 *                   a stall's end is the run's next point ({@code RunSummary.stalledSince} becomes null)
 */
public record Incident(long id, long runId, String project, String run, AlertEvent event, String series,
                       @Nullable Long iteration, @Nullable Double value, String text, Instant detectedAt,
                       @Nullable Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}
