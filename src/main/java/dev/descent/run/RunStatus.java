package dev.descent.run;

/** Life-cycle of a training run as reported by its job (or by the demo simulator). */
public enum RunStatus {
    RUNNING, FINISHED, FAILED
}
