package dev.descent.run;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Moves every point of the one-row-per-point table (V4) into chunks (V6), bit-exact, then drops the old table.
 * Streams the table in key order, so memory holds one chunk at a time whatever the table's size. Flyway runs it
 * in one transaction: a failure leaves the old table as it was.
 */
@Component
class V8__Chunk_existing_points extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        // H2 hands rows over as they are read only when asked to (PostgreSQL does, in a transaction, with a fetch
        // size). Descent's URL does not ask: a lazy read does not see one state of the table, and failed with
        // "Chunk not found" beside H2Housekeeping (DD008). Here the migration is alone on the database.
        boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        if (h2) {
            jdbc.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        try {
            copyPoints(connection, jdbc);
        } finally {
            if (h2) {
                jdbc.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        jdbc.execute("DROP TABLE point");
    }

    private static void copyPoints(java.sql.Connection connection, JdbcTemplate jdbc) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT run_id, series, iteration, epoch, point_value, recorded_at FROM point
                ORDER BY run_id, series, iteration""")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                // The series whose points are being gathered; none before the first row.
                record Series(long runId, String name) {
                }
                Series current = null;
                Columns points = new Columns(ChunkCodec.MAX_POINTS);
                while (rs.next()) {
                    Series next = new Series(rs.getLong(1), rs.getString(2));
                    if (current != null && (points.size == ChunkCodec.MAX_POINTS || !next.equals(current))) {
                        ChunkRows.insert(jdbc, current.runId(), current.name(), points);
                        points = new Columns(ChunkCodec.MAX_POINTS);
                    }
                    current = next;
                    double epoch = rs.getDouble(4);
                    if (rs.wasNull()) {
                        epoch = Double.NaN;
                    }
                    points.add(rs.getLong(3), epoch, rs.getDouble(5), rs.getLong(6));
                }
                if (current != null) {
                    ChunkRows.insert(jdbc, current.runId(), current.name(), points);
                }
            }
        }
    }
}
