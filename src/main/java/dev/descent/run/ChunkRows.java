package dev.descent.run;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/** Writing chunk rows, shared by the store and the V8 migration (which runs before any repository exists). */
final class ChunkRows {

    private ChunkRows() {
    }

    /** Writes {@code points} (one series, in iteration order) as full chunks; the last one may be partial. */
    static void insert(JdbcTemplate jdbc, long runId, String series, Columns points) {
        List<Object[]> rows = new ArrayList<>();
        for (int from = 0; from < points.size; from += ChunkCodec.MAX_POINTS) {
            int to = Math.min(points.size, from + ChunkCodec.MAX_POINTS);
            rows.add(new Object[]{runId, series, points.iterations[from], points.iterations[to - 1], to - from,
                    ChunkCodec.encode(points.iterations, points.epochs, points.values, points.timestamps, from, to)});
        }
        jdbc.batchUpdate("""
                INSERT INTO series_chunk (run_id, series, first_iteration, last_iteration, point_count, data)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
    }
}
