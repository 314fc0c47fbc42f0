package dev.descent.security;

/** What a token may do. ADMIN includes everything INGEST may do. */
public enum TokenScope {
    /** Create runs, append points, change a run's status. */
    INGEST,
    /** Also clear histories and delete. */
    ADMIN;

    public boolean allows(TokenScope required) {
        return this == ADMIN || this == required;
    }
}
