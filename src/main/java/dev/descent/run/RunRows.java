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

    /** The locked run as an append needs it: its id and the iteration of its latest loss, if any. */
    record LockedRun(long id, @Nullable Long lastLossIteration) {
    }

    /**
     * Locks the run row until the transaction ends, which serialises concurrent batches into one run (so
     * the duplicate check and the counters stay exact); empty when the run does not exist.
     */
    Optional<LockedRun> lockForAppend(long runId) {
        List<LockedRun> found = jdbc.query("SELECT last_loss_iteration FROM run WHERE id = ? FOR UPDATE",
                (rs, row) -> {
                    long iteration = rs.getLong(1);
                    return new LockedRun(runId, rs.wasNull() ? null : iteration);
                }, runId);
        return found.stream().findFirst();
    }

    /**
     * Adds {@code inserted} points, notes when the run last received one and ends a stall; the batch's loss at its highest iteration becomes the run's latest loss
     * unless the run already has a loss at a higher iteration (a late batch does not move it back).
     */
    void recordAppend(LockedRun run, int inserted, @Nullable NewPoint latestLoss, Instant now) {
        OffsetDateTime updatedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Long stored = run.lastLossIteration();
        if (latestLoss == null || (stored != null && latestLoss.iteration() < stored)) {
            jdbc.update("""
                    UPDATE run SET point_count = point_count + ?, updated_at = ?, last_point_at = ?, stalled_since = NULL,
                    version = version + 1 WHERE id = ?""", inserted, updatedAt, updatedAt, run.id());
        } else {
            jdbc.update("""
                    UPDATE run SET point_count = point_count + ?, last_loss_iteration = ?, last_loss = ?,
                    updated_at = ?, last_point_at = ?, stalled_since = NULL, version = version + 1 WHERE id = ?""",
                    ps -> {
                        ps.setLong(1, inserted);
                        ps.setLong(2, latestLoss.iteration());
                        ps.setDouble(3, latestLoss.value());
                        ps.setObject(4, updatedAt, Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setObject(5, updatedAt, Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setLong(6, run.id());
                    });
        }
    }

    /** RUNNING runs that are not yet marked stalled and received nothing (not even their start) since {@code cutoff}. */
    List<Long> stallCandidates(Instant cutoff) {
        return jdbc.query("""
                SELECT id FROM run WHERE status = 'RUNNING' AND stalled_since IS NULL
                AND COALESCE(last_point_at, created_at) < ?""", (rs, row) -> rs.getLong(1),
                OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
    }

    /**
     * Marks the run stalled if it still is (RUNNING, unmarked, nothing since {@code cutoff}): a point that arrived
     * meanwhile, or another node that marked it first, makes this a no-op. Returns since when it is stalled.
     */
    Optional<Instant> markStalled(long runId, Instant cutoff) {
        OffsetDateTime at = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        List<OffsetDateTime> since = jdbc.query("""
                SELECT COALESCE(last_point_at, created_at) FROM run WHERE id = ? AND status = 'RUNNING'
                AND stalled_since IS NULL AND COALESCE(last_point_at, created_at) < ? FOR UPDATE""",
                (rs, row) -> rs.getObject(1, OffsetDateTime.class), runId, at);
        if (since.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("UPDATE run SET stalled_since = ?, version = version + 1 WHERE id = ?", since.getFirst(), runId);
        return Optional.of(since.getFirst().toInstant());
    }
}
