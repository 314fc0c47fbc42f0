package dev.descent.run;

/** Published after a run is created or its status, counters, history, notes, tags or params changed, or
 * it was marked stalled. */
public record RunChanged(long runId, Kind kind) {

    /** The run id of a {@code RELOADED} that concerns every run (lists re-read; no run has this id). */
    public static final long EVERY_RUN = 0;

    public enum Kind { CREATED, STATUS, POINTS, HISTORY_CLEARED, DELETED, EDITED, STALLED,
        /** Changed in a way only a fresh read shows (another node's large batch, or after missed notifications). */
        RELOADED }
}
