package dev.descent.run;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The baseline for {@link StorageBenchmark}: the one-row-per-point layout Descent used before chunks (V4's
 * {@code point} table, here {@code point_rows}), with the same writes and reads as then. Benchmark code only.
 */
class RowLayoutStore extends PointStore {

    private final JdbcTemplate jdbc;

    RowLayoutStore(JdbcTemplate jdbc) {
        super(jdbc, false);
        this.jdbc = jdbc;
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS point_rows (
                    run_id BIGINT NOT NULL, series VARCHAR(250) NOT NULL, iteration BIGINT NOT NULL,
                    epoch DOUBLE PRECISION, point_value DOUBLE PRECISION NOT NULL, recorded_at BIGINT NOT NULL,
                    PRIMARY KEY (run_id, series, iteration))""");
    }

    /**
     * Makes the benchmark's application store points in rows when passed as a source. Deliberately not a
     * {@code @Configuration}: component scanning would then pick it up in every application on this classpath.
     */
    static class Config {
        @Bean
        @Primary
        PointStore rowLayoutStore(JdbcTemplate jdbc) {
            return new RowLayoutStore(jdbc);
        }
    }

    @Override
    int write(long runId, Collection<NewPoint> points) {
        Map<String, long[]> ranges = new HashMap<>();
        for (NewPoint p : points) {
            ranges.merge(p.series(), new long[]{p.iteration(), p.iteration()},
                    (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Set<Key> existing = new HashSet<>();
        ranges.forEach((series, range) -> jdbc.query(
                "SELECT iteration FROM point_rows WHERE run_id = ? AND series = ? AND iteration BETWEEN ? AND ?",
                rs -> {
                    existing.add(new Key(series, rs.getLong(1)));
                }, runId, series, range[0], range[1]));
        List<NewPoint> inserts = new ArrayList<>();
        List<NewPoint> updates = new ArrayList<>();
        for (NewPoint p : points) {
            (existing.contains(new Key(p.series(), p.iteration())) ? updates : inserts).add(p);
        }
        jdbc.batchUpdate("INSERT INTO point_rows (run_id, series, iteration, epoch, point_value, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", inserts, 1000, (ps, p) -> {
            ps.setLong(1, runId);
            ps.setString(2, p.series());
            ps.setLong(3, p.iteration());
            setEpoch(ps, 4, p);
            ps.setDouble(5, p.value());
            ps.setLong(6, p.timestamp());
        });
        jdbc.batchUpdate("UPDATE point_rows SET epoch = ?, point_value = ?, recorded_at = ? "
                + "WHERE run_id = ? AND series = ? AND iteration = ?", updates, 1000, (ps, p) -> {
            setEpoch(ps, 1, p);
            ps.setDouble(2, p.value());
            ps.setLong(3, p.timestamp());
            ps.setLong(4, runId);
            ps.setString(5, p.series());
            ps.setLong(6, p.iteration());
        });
        return inserts.size();
    }

    private static void setEpoch(PreparedStatement ps, int index, NewPoint p) throws SQLException {
        if (p.epoch() == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, p.epoch());
        }
    }

    @Override
    List<String> seriesNames(long runId) {
        return jdbc.queryForList("SELECT DISTINCT series FROM point_rows WHERE run_id = ? ORDER BY series",
                String.class, runId).stream().map(Objects::requireNonNull).toList();
    }

    @Override
    boolean hasSeries(long runId, String series) {
        return !jdbc.queryForList("SELECT 1 FROM point_rows WHERE run_id = ? AND series = ? LIMIT 1", Integer.class,
                runId, series).isEmpty();
    }

    @Override
    long count(long runId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM point_rows WHERE run_id = ?", Long.class, runId);
        return n == null ? 0 : n;
    }

    @Override
    int deleteAll(long runId) {
        return jdbc.update("DELETE FROM point_rows WHERE run_id = ?", runId);
    }

    @Override
    SeriesData read(long runId, String series, long fromIteration, long toIteration) {
        Columns columns = new Columns(1024);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT iteration, epoch, point_value, recorded_at FROM point_rows
                    WHERE run_id = ? AND series = ? AND iteration BETWEEN ? AND ?
                    ORDER BY run_id, series, iteration""");
            ps.setFetchSize(10_000);
            ps.setLong(1, runId);
            ps.setString(2, series);
            ps.setLong(3, fromIteration);
            ps.setLong(4, toIteration);
            return ps;
        }, rs -> {
            double epoch = rs.getDouble(2);
            if (rs.wasNull()) {
                epoch = Double.NaN;
            }
            columns.add(rs.getLong(1), epoch, rs.getDouble(3), rs.getLong(4));
        });
        return columns.toSeries(series, fromIteration, toIteration);
    }
}
