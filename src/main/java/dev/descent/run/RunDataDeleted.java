package dev.descent.run;

/**
 * Published inside the transaction that deletes data, so that an audit record commits (or rolls back)
 * together with the deletion.
 */
public record RunDataDeleted(long runId, String project, String runName, Action action, long points) {

    public enum Action { HISTORY_CLEARED, RUN_DELETED }
}
