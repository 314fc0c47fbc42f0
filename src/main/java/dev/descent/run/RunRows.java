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

    /** The locked run as an append needs it: its id, the iteration of its latest loss and its loss extremes. */
    record LockedRun(long id, @Nullable Long lastLossIteration, LossExtremes extremes) {
    }

    /**
     * Locks the run row until the transaction ends, which serialises concurrent batches into one run (so
     * the duplicate check and the counters stay exact); empty when the run does not exist.
     */
    Optional<LockedRun> lockForAppend(long runId) {
        List<LockedRun> found = jdbc.query("""
                SELECT last_loss_iteration, first_loss, first_loss_iteration, min_loss, min_loss_iteration
                FROM run WHERE id = ? FOR UPDATE""",
                (rs, row) -> new LockedRun(runId, rs.getObject(1, Long.class), new LossExtremes(
                        rs.getObject(2, Double.class), rs.getObject(3, Long.class),
                        rs.getObject(4, Double.class), rs.getObject(5, Long.class))), runId);
        return found.stream().findFirst();
    }

    /**
     * Adds {@code inserted} points, notes when the run last received one and ends a stall; the batch's loss at its highest iteration becomes the run's latest loss
     * unless the run already has a loss at a higher iteration (a late batch does not move it back).
     */
    void recordAppend(LockedRun run, int inserted, @Nullable NewPoint latestLoss, LossExtremes extremes, Instant now) {
        OffsetDateTime updatedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        if (!extremes.equals(run.extremes())) {
            recordExtremes(run.id(), extremes);
        }
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

    void recordExtremes(long runId, LossExtremes extremes) {
        jdbc.update("""
                UPDATE run SET first_loss = ?, first_loss_iteration = ?, min_loss = ?, min_loss_iteration = ?
                WHERE id = ?""", extremes.first(), extremes.firstIteration(), extremes.min(), extremes.minIteration(),
                runId);
    }

    /** Runs with points but no loss extremes yet: stored before V12, or without a finite loss so far. */
    List<Long> withoutExtremes() {
        return jdbc.query("SELECT id FROM run WHERE point_count > 0 AND first_loss_iteration IS NULL",
                (rs, row) -> rs.getLong(1));
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
