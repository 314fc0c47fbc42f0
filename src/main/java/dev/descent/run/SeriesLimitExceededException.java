package dev.descent.run;

/** A batch would give a run more series than {@code descent.limits.series-per-run} allows; nothing was stored. */
public class SeriesLimitExceededException extends RuntimeException {

    public SeriesLimitExceededException(long runId, int limit, int existing, int added) {
        super("metrics: a run holds at most " + limit + " series (descent.limits.series-per-run); run " + runId
                + " has " + existing + " and this batch starts " + added + " more");
    }
}
