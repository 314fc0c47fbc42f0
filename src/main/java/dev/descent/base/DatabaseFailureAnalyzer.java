package dev.descent.base;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.sql.SQLException;

/**
 * Turns the embedded database's start-up failures (file locked by another Descent, data directory not
 * writable) into one sentence that says what and where, instead of a page of stack trace.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final int FILE_CREATION_FAILED = 90062;
    private static final int IO_EXCEPTION = 90028;
    private static final int IO_EXCEPTION_WITH_FILE = 90031;
    private static final int DATABASE_READ_ONLY = 90097;

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String where = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return switch (cause.getErrorCode()) {
            case DATABASE_ALREADY_OPEN -> new FailureAnalysis(
                    "Descent's database is already in use by another process (" + where + ").",
                    "Stop the other Descent instance using this data directory, or start this one with another "
                            + "data directory: DESCENT_DATA_DIR=/some/other/dir.",
                    cause);
            case FILE_CREATION_FAILED, IO_EXCEPTION, IO_EXCEPTION_WITH_FILE, DATABASE_READ_ONLY -> new FailureAnalysis(
                    "Descent cannot write its database in the data directory (" + where + ").",
                    "Make the directory writable for this user, or point DESCENT_DATA_DIR to a writable directory.",
                    cause);
            default -> null;
        };
    }
}
