package dev.descent.run;

/** Thrown when a run id does not name a stored run. */
public class RunNotFoundException extends RuntimeException {

    private final long runId;

    public RunNotFoundException(long runId) {
        super("run " + runId + " does not exist");
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
