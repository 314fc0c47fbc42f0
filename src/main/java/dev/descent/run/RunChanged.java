package dev.descent.run;

/** Published after a run is created or its status, counters, history, notes, tags or params changed, or
 * it was marked stalled. */
public record RunChanged(long runId, Kind kind) {

    public enum Kind { CREATED, STATUS, POINTS, HISTORY_CLEARED, DELETED, EDITED, STALLED }
}
