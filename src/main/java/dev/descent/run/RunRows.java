package dev.descent.run;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The run row as the ingest path sees it: lock it, then bump its counters. Plain JDBC because a training
 * job appends many batches a second and the JPA route (query parsing, entity load, dirty check, flush) cost
 * about a fifth of an append's time in a profile of the ingest benchmark (docs/performance.md).
 */
@Repository
class RunRows {

    private final JdbcTemplate jdbc;

    RunRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an append needs to know about its run, read under the row lock. */
    record LockedRun(@Nullable Long lastLossIteration) {
    }

    /**
     * Locks the run row until the transaction ends, which serialises concurrent batches into one run (so
     * the duplicate check and the counters stay exact); empty when the run does not exist.
     */
    Optional<LockedRun> lockForAppend(long runId) {
        List<LockedRun> found = jdbc.query("SELECT last_loss_iteration FROM run WHERE id = ? FOR UPDATE",
                (rs, row) -> {
                    long iteration = rs.getLong(1);
                    return new LockedRun(rs.wasNull() ? null : iteration);
                }, runId);
        return found.stream().findFirst();
    }

    /** Adds {@code inserted} points and, when given, moves the run's latest loss forward. */
    void recordAppend(long runId, int inserted, @Nullable Long lossIteration, double loss, Instant now) {
        OffsetDateTime updatedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        if (lossIteration == null) {
            jdbc.update("""
                    UPDATE run SET point_count = point_count + ?, updated_at = ?, version = version + 1
                    WHERE id = ?""", inserted, updatedAt, runId);
        } else {
            jdbc.update("""
                    UPDATE run SET point_count = point_count + ?, last_loss_iteration = ?, last_loss = ?,
                    updated_at = ?, version = version + 1 WHERE id = ?""",
                    ps -> {
                        ps.setLong(1, inserted);
                        ps.setLong(2, lossIteration);
                        ps.setDouble(3, loss);
                        ps.setObject(4, updatedAt, Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setLong(5, runId);
                    });
        }
    }
}
