package dev.descent.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A real H2 file, grown by one commit per batch as ingest writes it, is compacted at start, bit for bit. */
class H2StartupCompactionTest {

    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    private static byte[] row(int k) {
        byte[] data = new byte[9_000];
        new Random(k).nextBytes(data);
        return data;
    }

    /** The app's own settings: every commit written before it returns. */
    private String url() {
        return "jdbc:h2:file:" + dir.resolve("descent") + ";DB_CLOSE_ON_EXIT=FALSE;MODE=PostgreSQL;WRITE_DELAY=0";
    }

    private void fill() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE chunk (id INT PRIMARY KEY, run_id INT, data BYTEA NOT NULL)");
                s.execute("CREATE TABLE run (id INT PRIMARY KEY, points BIGINT)");
                for (int run = 0; run < 50; run++) {
                    s.execute("INSERT INTO run VALUES (" + run + ", 0)");
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO chunk VALUES (?, ?, ?)");
                 PreparedStatement count = c.prepareStatement("UPDATE run SET points = points + 1000 WHERE id = ?")) {
                for (int k = 0; k < ROWS; k++) {
                    insert.setInt(1, k);
                    insert.setInt(2, k % 50);
                    insert.setBytes(3, row(k));
                    insert.executeUpdate();
                    count.setInt(1, k % 50);
                    count.executeUpdate();
                    c.commit();
                }
            }
        }
    }

    @Test
    void a_sparse_file_is_compacted_before_start_and_keeps_every_row() throws Exception {
        fill();
        Path file = dir.resolve("descent.mv.db");
        long grown = Files.size(file);
        long live = ROWS * 9_000L;
        assertThat(grown).as("dead pages before").isGreaterThan(2 * live);

        var outcome = H2StartupCompaction.compactIfSparse(file);

        assertThat(outcome.compacted()).as(outcome.reason()).isTrue();
        assertThat(Files.size(file)).as("file after, for %d bytes of rows", live).isLessThan(live * 12 / 10);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("descent.mv.db");
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, data FROM chunk ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                assertThat(Arrays.equals(rs.getBytes(2), row(rs.getInt(1)))).as("row %d", rs.getInt(1)).isTrue();
                n++;
            }
            assertThat(n).isEqualTo(ROWS);
            try (ResultSet sum = s.executeQuery("SELECT SUM(points) FROM run")) {
                sum.next();
                assertThat(sum.getLong(1)).isEqualTo(ROWS * 1000L);
            }
        }
        assertThat(H2StartupCompaction.compactIfSparse(file).reason()).as("the second start").isEqualTo("dense enough");
    }

    @Test
    void a_file_another_connection_holds_open_is_left_alone() throws Exception {
        fill();
        Path file = dir.resolve("descent.mv.db");
        try (Connection open = DriverManager.getConnection(url(), "sa", "")) {
            long before = Files.size(file);
            var outcome = H2StartupCompaction.compactIfSparse(file);
            assertThat(outcome.compacted()).isFalse();
            assertThat(outcome.reason()).isEqualTo("in use by another process");
            assertThat(Files.size(file)).isEqualTo(before);
            try (ResultSet rs = open.createStatement().executeQuery("SELECT COUNT(*) FROM chunk")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(ROWS);
            }
        }
    }

    @Test
    void only_an_embedded_h2_file_is_considered() {
        assertThat(H2StartupCompaction.databaseFile("jdbc:h2:file:/data/descent;MODE=PostgreSQL"))
                .isEqualTo(Path.of("/data/descent.mv.db"));
        assertThat(H2StartupCompaction.databaseFile("jdbc:h2:/data/descent;WRITE_DELAY=0"))
                .as("a file without the file: prefix").isEqualTo(Path.of("/data/descent.mv.db"));
        assertThat(H2StartupCompaction.databaseFile("jdbc:h2:mem:x")).isNull();
        assertThat(H2StartupCompaction.databaseFile("jdbc:h2:tcp://db.example/descent")).isNull();
        assertThat(H2StartupCompaction.databaseFile("jdbc:postgresql://localhost/descent")).isNull();
        assertThat(H2StartupCompaction.databaseFile(null)).isNull();
        assertThat(H2StartupCompaction.compactIfSparse(dir.resolve("none.mv.db")).reason()).isEqualTo("no file yet");
    }
}
