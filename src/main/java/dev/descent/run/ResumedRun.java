package dev.descent.run;

/** @param created false when a run of that name already existed in the project and is resumed */
public record ResumedRun(RunSummary run, boolean created) {
}
