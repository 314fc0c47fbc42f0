package dev.descent.run;

import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Series stored as chunks: one row per up to {@link ChunkCodec#MAX_POINTS} consecutive points of a series,
 * compactly encoded (DD008). A write decodes only the chunks its iterations fall in (or, for small appends, the
 * series' open chunks once they are due to be merged), merges, and writes them back in the caller's transaction:
 * atomic, and serialised per run by the run-row lock the caller holds. A read decodes only the chunks that overlap its range.
 * <p>
 * On H2 each run written to also has an <em>end row</em>: an empty row keyed by the run's id negated, inserted
 * after the chunks of every write. H2 keeps a table's rows in a copy-on-write B-tree in the order they were
 * inserted, and a new row joins the page of the row inserted just before it, so that page is written to the file
 * again at the commit. With pages of 2 kB ({@code descent.h2.page-size}) a chunk of 1,000 points (7–9 kB) sits alone
 * in its page; the end row after a write's last chunk takes the next write's page rewrite instead, so a chunk is
 * written to the file once, not twice (DD008). Only the last row of a commit matters: the pages rewritten before
 * it, in memory, are written once. Every read names a run's own id, which is positive (ids start at 1), so end
 * rows are never read.
 */
@Repository
class PointStore {

    /** An appended batch of this many points or more starts chunks of its own. */
    static final int SMALL_BATCH = 256;
    /** Open (not full) chunks at a series' end are merged once they are this many rows. */
    static final int MAX_OPEN_CHUNKS = 32;

    private final JdbcTemplate jdbc;
    /** Whether writes move the run's end row behind their chunks: on H2 (above). */
    private final boolean endRows;

    PointStore(JdbcTemplate jdbc, @Value("${descent.h2.end-rows:true}") boolean endRowsOnH2) {
        this.jdbc = jdbc;
        this.endRows = endRowsOnH2 && "H2".equals(jdbc.execute(
                (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
    }

    record Key(String series, long iteration) {
    }

    private record StoredChunk(long firstIteration, int pointCount, byte[] data) {
    }

    /** A chunk as its index columns describe it. */
    private record ChunkBounds(long first, long last, int count) {
        static final RowMapper<ChunkBounds> ROW = (rs, i) -> new ChunkBounds(rs.getLong(1), rs.getLong(2), rs.getInt(3));
    }

    /**
     * Stores points, at most one per series and iteration; a point at an iteration already stored replaces it.
     *
     * @return how many points were new (the others replaced stored ones)
     */
    int write(long runId, Collection<NewPoint> points) {
        Map<String, List<NewPoint>> bySeries = new LinkedHashMap<>();
        for (NewPoint p : points) {
            bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p);
        }
        int inserted = 0;
        for (Map.Entry<String, List<NewPoint>> entry : bySeries.entrySet()) {
            List<NewPoint> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingLong(NewPoint::iteration));
            inserted += writeSeries(runId, entry.getKey(), sorted);
        }
        if (endRows && !bySeries.isEmpty()) {
            moveEndRow(runId);
        }
        return inserted;
    }

    private int writeSeries(long runId, String series, List<NewPoint> batch) {
        long min = batch.getFirst().iteration();
        List<ChunkBounds> newest = jdbc.query("""
                        SELECT first_iteration, last_iteration, point_count FROM series_chunk
                        WHERE run_id = ? AND series = ?
                        ORDER BY run_id DESC, series DESC, first_iteration DESC LIMIT ?""",
                ChunkBounds.ROW, runId, series, MAX_OPEN_CHUNKS);
        boolean append = newest.isEmpty() || newest.getFirst().last() < min;
        List<Long> rewritten = append ? openChunksDueForMerge(newest, batch.size())
                : chunksUnderLateBatch(runId, series, min, batch.getLast().iteration(), batch.size());
        List<StoredChunk> affected = rewritten.isEmpty() ? List.of() : jdbc.query("""
                        SELECT first_iteration, point_count, data FROM series_chunk
                        WHERE run_id = ? AND series = ? AND first_iteration BETWEEN ? AND ?
                        ORDER BY first_iteration""",
                (rs, i) -> new StoredChunk(rs.getLong(1), rs.getInt(2), Objects.requireNonNull(rs.getBytes(3))),
                runId, series, rewritten.getFirst(), rewritten.getLast());

        Columns stored = new Columns(affected.stream().mapToInt(StoredChunk::pointCount).sum());
        for (StoredChunk chunk : affected) {
            ChunkCodec.decode(chunk.data(), stored);
        }
        Columns merged = new Columns(stored.size + batch.size());
        int s = 0;
        int inserted = 0;
        for (NewPoint p : batch) {
            while (s < stored.size && stored.iterations[s] < p.iteration()) {
                merged.add(stored.iterations[s], stored.epochs[s], stored.values[s], stored.timestamps[s]);
                s++;
            }
            if (s < stored.size && stored.iterations[s] == p.iteration()) {
                s++; // replaced by the new point
            } else {
                inserted++;
            }
            merged.add(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(), p.value(), p.timestamp());
        }
        while (s < stored.size) {
            merged.add(stored.iterations[s], stored.epochs[s], stored.values[s], stored.timestamps[s]);
            s++;
        }

        if (!affected.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM series_chunk WHERE run_id = ? AND series = ? AND first_iteration = ?",
                    affected, affected.size(), (ps, chunk) -> {
                        ps.setLong(1, runId);
                        ps.setString(2, series);
                        ps.setLong(3, chunk.firstIteration());
                    });
        }
        ChunkRows.insert(jdbc, runId, series, merged);
        return inserted;
    }

    /** Puts the run's end row behind the chunks just inserted: deleted and inserted again, so it is the newest. */
    private void moveEndRow(long runId) {
        jdbc.update("DELETE FROM series_chunk WHERE run_id = ?", -runId);
        jdbc.update("""
                INSERT INTO series_chunk (run_id, series, first_iteration, last_iteration, point_count, data)
                VALUES (?, '', 0, 0, 0, ?)""", -runId, new byte[0]);
    }

    /**
     * The chunks an append rewrites, the newest first in {@code newest}. A batch of {@link #SMALL_BATCH} points or
     * more starts chunks of its own: the common 1,000-point batch rewrites nothing. A smaller one (a job logging a
     * few steps per second sends one a second per series) is a chunk of its own too, until the series' open chunks
     * at its end (those not full) hold a full chunk's worth of points or are {@link #MAX_OPEN_CHUNKS} rows: then they
     * are merged with it into full chunks. So each point is rewritten a few times at most, where rewriting the last
     * chunk for every small batch wrote it hundreds of times and left each old version as dead space (DD008).
     */
    private static List<Long> openChunksDueForMerge(List<ChunkBounds> newest, int batchSize) {
        if (batchSize >= SMALL_BATCH) {
            return List.of();
        }
        List<ChunkBounds> open = newest.stream().takeWhile(c -> c.count() < ChunkCodec.MAX_POINTS).toList();
        int openPoints = open.stream().mapToInt(ChunkBounds::count).sum();
        if (open.size() + 1 < MAX_OPEN_CHUNKS && openPoints + batchSize < ChunkCodec.MAX_POINTS) {
            return List.of();
        }
        return open.reversed().stream().map(ChunkBounds::first).toList();
    }

    /**
     * The chunks a batch of late or replacing points rewrites: those its iterations fall in, and the last one before
     * it when the batch fits in it. Chosen from the index columns alone: a chunk's data is read only when rewritten.
     */
    private List<Long> chunksUnderLateBatch(long runId, String series, long min, long max, int batchSize) {
        long lower = startOfChunkAtOrBefore(runId, series, min);
        return jdbc.query("""
                                SELECT first_iteration, last_iteration, point_count FROM series_chunk
                                WHERE run_id = ? AND series = ? AND first_iteration BETWEEN ? AND ?
                                ORDER BY first_iteration""", ChunkBounds.ROW, runId, series, lower, max)
                .stream()
                .filter(c -> c.last() >= min || c.count() + batchSize <= ChunkCodec.MAX_POINTS)
                .map(ChunkBounds::first)
                .toList();
    }

    /**
     * Where the chunk that holds {@code iteration}, or the last one before it, starts; {@code iteration} itself if
     * there is none. With it, a range query is bounded on both sides of the primary key.
     */
    private long startOfChunkAtOrBefore(long runId, String series, long iteration) {
        List<@org.jspecify.annotations.Nullable Long> found = jdbc.queryForList("""
                        SELECT first_iteration FROM series_chunk
                        WHERE run_id = ? AND series = ? AND first_iteration <= ?
                        ORDER BY first_iteration DESC LIMIT 1""", Long.class, runId, series, iteration);
        Long start = found.isEmpty() ? null : found.getFirst();
        return start == null ? iteration : start;
    }

    /**
     * The end of a series whose latest value is not finite: its last finite value and the iteration the trailing
     * run of NaN/±∞ starts at. Reads chunks from the last one back until it meets a finite value (one, usually).
     */
    Tail tail(long runId, String series) {
        Long since = null;
        long before = Long.MAX_VALUE;
        while (true) {
            List<StoredChunk> last = jdbc.query("""
                            SELECT first_iteration, point_count, data FROM series_chunk
                            WHERE run_id = ? AND series = ? AND first_iteration < ?
                            ORDER BY run_id DESC, series DESC, first_iteration DESC LIMIT 1""",
                    (rs, row) -> new StoredChunk(rs.getLong(1), rs.getInt(2), Objects.requireNonNull(rs.getBytes(3))),
                    runId, series, before);
            if (last.isEmpty()) {
                return new Tail(null, null, since);
            }
            Columns chunk = new Columns(last.getFirst().pointCount());
            ChunkCodec.decode(last.getFirst().data(), chunk);
            for (int i = chunk.size - 1; i >= 0; i--) {
                if (Double.isFinite(chunk.values[i])) {
                    return new Tail(chunk.values[i], chunk.iterations[i], since);
                }
                since = chunk.iterations[i];
            }
            before = last.getFirst().firstIteration();
        }
    }

    /**
     * @param lastFinite          the latest finite value, null if there is none
     * @param lastFiniteIteration its iteration
     * @param nonFiniteSince      where the trailing NaN/±∞ values start, null when the latest value is finite
     */
    record Tail(@org.jspecify.annotations.Nullable Double lastFinite,
                @org.jspecify.annotations.Nullable Long lastFiniteIteration,
                @org.jspecify.annotations.Nullable Long nonFiniteSince) {
    }

    List<String> seriesNames(long runId) {
        // The column is NOT NULL.
        return jdbc.queryForList("SELECT DISTINCT series FROM series_chunk WHERE run_id = ? ORDER BY series",
                String.class, runId).stream().map(Objects::requireNonNull).toList();
    }

    /** One index seek: does the run hold any point of this series? */
    boolean hasSeries(long runId, String series) {
        return !jdbc.queryForList("SELECT 1 FROM series_chunk WHERE run_id = ? AND series = ? LIMIT 1", Integer.class,
                runId, series).isEmpty();
    }

    long count(long runId) {
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(point_count), 0) FROM series_chunk WHERE run_id = ?",
                Long.class, runId);
        return n == null ? 0 : n;
    }

    /** Deletes every chunk of the run, and its end row; returns how many points they held. */
    int deleteAll(long runId) {
        long points = count(runId);
        jdbc.update("DELETE FROM series_chunk WHERE run_id IN (?, ?)", runId, -runId);
        return Math.toIntExact(points);
    }

    /** Reads a series (optionally an iteration range of it), decoding only the chunks that overlap the range. */
    SeriesData read(long runId, String series, long fromIteration, long toIteration) {
        long lower = startOfChunkAtOrBefore(runId, series, fromIteration);
        List<byte[]> chunks = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int[] points = {0};
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT point_count, data FROM series_chunk
                    WHERE run_id = ? AND series = ? AND first_iteration BETWEEN ? AND ?
                    ORDER BY run_id, series, first_iteration""");
            ps.setFetchSize(100);
            if (ps.isWrapperFor(PGStatement.class)) {
                // Binary transfer from the first execution: bytea in text is hex, twice the bytes to send and
                // parse (a 1M-point series' chunks: 83 → 40 ms on the first read after a restart).
                ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            ps.setLong(1, runId);
            ps.setString(2, series);
            ps.setLong(3, lower);
            ps.setLong(4, toIteration);
            return ps;
        }, rs -> {
            offsets.add(points[0]);
            points[0] += rs.getInt(1);
            chunks.add(Objects.requireNonNull(rs.getBytes(2)));
        });
        return ChunkCodec.decodeAll(chunks, offsets, points[0]).toSeries(series, fromIteration, toIteration);
    }
}
