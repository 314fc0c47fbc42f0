package dev.descent.run;

import dev.descent.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V8 moves a database filled in the one-row-per-point layout (V4) into chunks: every point of every run and
 * series, values bit-exact as the old table returned them, and the old table gone. Runs on H2, and on
 * PostgreSQL in the build's postgresql execution.
 */
class StorageMigrationTest {

    @TempDir
    Path dir;

    private record Row(long runId, String series, long iteration, Double epoch, double value, long timestamp) {
    }

    @Test
    void every_point_of_the_row_table_is_in_the_chunks_bit_exact() throws Exception {
        String url;
        String user;
        String password;
        String vendor;
        if (TestDatabase.postgresql()) {
            url = TestDatabase.freshSchema().url();
            user = TestDatabase.user();
            password = TestDatabase.password();
            vendor = "postgresql";
        } else {
            url = "jdbc:h2:file:" + dir.resolve("old") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            user = "sa";
            password = "";
            vendor = "h2";
        }
        // The schema as it was before V8: later migrations come after the point table is filled.
        Flyway.configure().dataSource(url, user, password).target(vendor.equals("postgresql") ? "7" : "6")
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();

        List<Row> written = new ArrayList<>();
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE};
        for (long run = 1; run <= 3; run++) {
            for (int i = 0; i < 2_500; i++) {
                double value = i % 400 == 7 ? specials[i % specials.length] : 2.0 / (1 + i * run) + Math.sin(i) * 0.01;
                written.add(new Row(run, "loss", i * 2L, i % 3 == 0 ? null : i / 250.0, value, 1_764_300_000_000L + i * 731L));
            }
            for (int i = 0; i < 30; i++) {
                written.add(new Row(run, "val_loss", i * 100L, null, 1.0 / (i + 1), 1_764_300_000_000L + i));
            }
            written.add(new Row(run, "lr", 0, 0.0, 3e-4, 1));
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("INSERT INTO point (run_id, series, iteration, epoch, point_value,"
                     + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Row r : written) {
                ps.setLong(1, r.runId());
                ps.setString(2, r.series());
                ps.setLong(3, r.iteration());
                if (r.epoch() == null) {
                    ps.setNull(4, Types.DOUBLE);
                } else {
                    ps.setDouble(4, r.epoch());
                }
                ps.setDouble(5, r.value());
                ps.setLong(6, r.timestamp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<Row> before = readRows(url, user, password);
        assertThat(before).hasSize(written.size());

        Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new V8__Chunk_existing_points()).load().migrate();

        List<Row> after = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT run_id, series, point_count, data FROM series_chunk ORDER BY run_id, series, first_iteration")) {
            while (rs.next()) {
                Columns columns = new Columns(rs.getInt(3));
                ChunkCodec.decode(rs.getBytes(4), columns);
                assertThat(columns.size).isEqualTo(rs.getInt(3)).isLessThanOrEqualTo(ChunkCodec.MAX_POINTS);
                for (int i = 0; i < columns.size; i++) {
                    after.add(new Row(rs.getLong(1), rs.getString(2), columns.iterations[i],
                            Double.isNaN(columns.epochs[i]) ? null : columns.epochs[i], columns.values[i],
                            columns.timestamps[i]));
                }
            }
        }
        assertThat(after).hasSize(before.size());
        for (int i = 0; i < before.size(); i++) {
            Row b = before.get(i);
            Row a = after.get(i);
            assertThat(a.runId()).isEqualTo(b.runId());
            assertThat(a.series()).isEqualTo(b.series());
            assertThat(a.iteration()).isEqualTo(b.iteration());
            assertThat(a.epoch()).as("epoch of %s, read back as %s", b, a).isEqualTo(b.epoch());
            assertThat(Double.doubleToRawLongBits(a.value())).as("value bits of %s", b)
                    .isEqualTo(Double.doubleToRawLongBits(b.value()));
            assertThat(a.timestamp()).isEqualTo(b.timestamp());
        }
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            assertThat(c.getMetaData().getTables(null, c.getSchema(), "point", null).next()).as("the old table is gone").isFalse();
        }
    }

    private static List<Row> readRows(String url, String user, String password) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT run_id, series, iteration, epoch, point_value, "
                     + "recorded_at FROM point ORDER BY run_id, series, iteration")) {
            while (rs.next()) {
                double epoch = rs.getDouble(4);
                Double maybeEpoch = rs.wasNull() ? null : epoch;
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), maybeEpoch, rs.getDouble(5),
                        rs.getLong(6)));
            }
        }
        return rows;
    }
}
