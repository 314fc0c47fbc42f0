package dev.descent.run;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Points go through plain JDBC batches rather than JPA: a run can hold millions of rows, and one entity
 * per point would mean one object, one dirty check and (without batching) one round trip per point.
 */
@Repository
class PointStore {

    private static final String INSERT = """
            INSERT INTO point (run_id, series, iteration, epoch, point_value, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE point SET epoch = ?, point_value = ?, recorded_at = ?
            WHERE run_id = ? AND series = ? AND iteration = ?""";
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    PointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Key(String series, long iteration) {
    }

    /** Which of {@code points} are already stored; one range query per series in the batch. */
    Set<Key> existingKeys(long runId, List<NewPoint> points) {
        record Range(long min, long max) {
        }
        var ranges = new java.util.HashMap<String, Range>();
        for (NewPoint p : points) {
            ranges.merge(p.series(), new Range(p.iteration(), p.iteration()),
                    (a, b) -> new Range(Math.min(a.min, b.min), Math.max(a.max, b.max)));
        }
        Set<Key> wanted = new HashSet<>();
        for (NewPoint p : points) {
            wanted.add(new Key(p.series(), p.iteration()));
        }
        Set<Key> existing = new HashSet<>();
        ranges.forEach((series, range) -> jdbc.query(
                "SELECT iteration FROM point WHERE run_id = ? AND series = ? AND iteration BETWEEN ? AND ?",
                rs -> {
                    Key key = new Key(series, rs.getLong(1));
                    if (wanted.contains(key)) {
                        existing.add(key);
                    }
                },
                runId, series, range.min, range.max));
        return existing;
    }

    void insert(long runId, List<NewPoint> points) {
        jdbc.batchUpdate(INSERT, points, BATCH, (ps, p) -> {
            ps.setLong(1, runId);
            ps.setString(2, p.series());
            ps.setLong(3, p.iteration());
            setEpoch(ps, 4, p);
            ps.setDouble(5, p.value());
            ps.setLong(6, p.timestamp());
        });
    }

    void update(long runId, List<NewPoint> points) {
        jdbc.batchUpdate(UPDATE, points, BATCH, (ps, p) -> {
            setEpoch(ps, 1, p);
            ps.setDouble(2, p.value());
            ps.setLong(3, p.timestamp());
            ps.setLong(4, runId);
            ps.setString(5, p.series());
            ps.setLong(6, p.iteration());
        });
    }

    private static void setEpoch(PreparedStatement ps, int index, NewPoint p) throws SQLException {
        if (p.epoch() == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, p.epoch());
        }
    }

    List<String> seriesNames(long runId) {
        // The column is NOT NULL.
        return jdbc.queryForList("SELECT DISTINCT series FROM point WHERE run_id = ? ORDER BY series", String.class, runId)
                .stream().map(java.util.Objects::requireNonNull).toList();
    }

    /** One index seek: does the run hold any point of this series? */
    boolean hasSeries(long runId, String series) {
        return !jdbc.queryForList("SELECT 1 FROM point WHERE run_id = ? AND series = ? LIMIT 1", Integer.class,
                runId, series).isEmpty();
    }

    long count(long runId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM point WHERE run_id = ?", Long.class, runId);
        return n == null ? 0 : n;
    }

    int deleteAll(long runId) {
        return jdbc.update("DELETE FROM point WHERE run_id = ?", runId);
    }

    /**
     * Reads a series (optionally an iteration range of it) straight into primitive columns. The ORDER BY names
     * the whole primary key so H2 sees that the index already returns rows in that order; with only
     * {@code iteration} it sorted a copy of every row first.
     */
    SeriesData read(long runId, String series, long fromIteration, long toIteration) {
        var columns = new Columns();
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT iteration, epoch, point_value, recorded_at FROM point
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
        return columns.toSeries(series);
    }

    private static final class Columns {
        long[] iterations = new long[1024];
        double[] epochs = new double[1024];
        double[] values = new double[1024];
        long[] timestamps = new long[1024];
        int size;

        void add(long iteration, double epoch, double value, long timestamp) {
            if (size == iterations.length) {
                int capacity = size * 2;
                iterations = Arrays.copyOf(iterations, capacity);
                epochs = Arrays.copyOf(epochs, capacity);
                values = Arrays.copyOf(values, capacity);
                timestamps = Arrays.copyOf(timestamps, capacity);
            }
            iterations[size] = iteration;
            epochs[size] = epoch;
            values[size] = value;
            timestamps[size] = timestamp;
            size++;
        }

        SeriesData toSeries(String series) {
            return new SeriesData(series, Arrays.copyOf(iterations, size), Arrays.copyOf(epochs, size),
                    Arrays.copyOf(values, size), Arrays.copyOf(timestamps, size));
        }
    }

}
