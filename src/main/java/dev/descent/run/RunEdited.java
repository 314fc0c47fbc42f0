package dev.descent.run;

import java.util.List;

/**
 * Published inside the transaction that edits a run's notes, tags, params or status, so that the audit record
 * commits (or rolls back) with the edit.
 */
public record RunEdited(long runId, String project, String runName, List<String> fields) {
}
