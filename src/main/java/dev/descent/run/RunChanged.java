package dev.descent.run;

/** Published after a run is created or its status, counters or history changed. */
public record RunChanged(long runId, Kind kind) {

    public enum Kind { CREATED, STATUS, POINTS, HISTORY_CLEARED, DELETED }
}
