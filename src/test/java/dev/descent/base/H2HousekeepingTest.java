package dev.descent.base;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real H2 file written as ingest writes it (one commit per batch, four writers at once, with the app's
 * {@code WRITE_DELAY=0}) stays dense while the housekeeping runs beside the writers, and every row comes back
 * bit for bit. The test JVM runs with assertions on, so an H2 assertion tripped by compacting beside writers
 * (as {@code compactFile} did, DD008) fails it.
 */
class H2HousekeepingTest {

    private static final int ROWS = 2000;
    /**
     * Commits per second of the four writers together, about what Descent's ingest does with 1,000-point batches
     * (DD008). A load shape, not a synchronisation: unpaced, the writers commit ten times faster than the API can.
     */
    private static final int COMMITS_PER_SECOND = 400;
    private static final int ROW_BYTES = 9_000;

    @TempDir
    Path dir;

    private static byte[] row(int k) {
        byte[] data = new byte[ROW_BYTES];
        new Random(k).nextBytes(data);
        return data;
    }

    private JdbcDataSource dataSource(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE;MODE=PostgreSQL;WRITE_DELAY=0");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Four writers, each commit a chunk row and its run's count, as an append does; returns the file's size after. */
    private long fill(JdbcDataSource dataSource, String name) throws Exception {
        createTables(dataSource);
        write(dataSource, 0, ROWS);
        return Files.size(dir.resolve(name + ".mv.db"));
    }

    private static void createTables(JdbcDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE chunk (run_id INT, first_iteration INT, data BYTEA NOT NULL, "
                    + "PRIMARY KEY (run_id, first_iteration))");
            s.execute("CREATE TABLE run (id INT PRIMARY KEY, points BIGINT)");
            for (int run = 0; run < 4; run++) {
                s.execute("INSERT INTO run VALUES (" + run + ", 0)");
            }
        }
    }

    /** Rows {@code from} to {@code to} (exclusive), paced at {@link #COMMITS_PER_SECOND}. */
    private static void write(JdbcDataSource dataSource, int from, int to) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        long start = System.nanoTime();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int run = w;
                done.add(writers.submit(() -> {
                    try (Connection c = dataSource.getConnection();
                         PreparedStatement insert = c.prepareStatement("INSERT INTO chunk VALUES (?, ?, ?)");
                         PreparedStatement count = c.prepareStatement("UPDATE run SET points = points + 1000 WHERE id = ?")) {
                        c.setAutoCommit(false);
                        for (int k = next.getAndIncrement(); k < to; k = next.getAndIncrement()) {
                            LockSupport.parkNanos(start + (k - from) * 1_000_000_000L / COMMITS_PER_SECOND - System.nanoTime());
                            insert.setInt(1, run);
                            insert.setInt(2, k);
                            insert.setBytes(3, row(k));
                            insert.executeUpdate();
                            count.setInt(1, run);
                            count.executeUpdate();
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private void assertEveryRowBack(JdbcDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_iteration, data FROM chunk ORDER BY first_iteration")) {
            int n = 0;
            while (rs.next()) {
                assertThat(rs.getInt(1)).isEqualTo(n);
                assertThat(Arrays.equals(rs.getBytes(2), row(n))).as("row %d", n).isTrue();
                n++;
            }
            assertThat(n).isEqualTo(ROWS);
            try (ResultSet sum = s.executeQuery("SELECT SUM(points) FROM run")) {
                sum.next();
                assertThat(sum.getLong(1)).isEqualTo(ROWS * 1000L);
            }
        }
    }

    @Test
    void the_file_stays_dense_while_writers_run_and_keeps_every_row() throws Exception {
        long live = (long) ROWS * ROW_BYTES;

        // The same writes without housekeeping, as a baseline in the same run.
        JdbcDataSource plain = dataSource("plain");
        long withoutHousekeeping;
        try (Connection keepOpen = plain.getConnection()) {
            withoutHousekeeping = fill(plain, "plain");
        }

        JdbcDataSource kept = dataSource("kept");
        long withHousekeeping;
        long afterBurst;
        try (Connection keepOpen = kept.getConnection()) {
            H2Housekeeping housekeeping = new H2Housekeeping(kept, Duration.ofMillis(200), true);
            housekeeping.start();
            assertThat(housekeeping.isActive()).as("found the H2 file store").isTrue();
            try {
                afterBurst = fill(kept, "kept");
                // Right after the writes the newest chunks are still young (H2 keeps freed space for its retention
                // time). Once nobody writes, the housekeeping rewrites into the free space and the file's end empties.
                Path file = dir.resolve("kept.mv.db");
                await().atMost(Duration.ofSeconds(60)).until(housekeeping::resting);
                withHousekeeping = Files.size(file);
                System.out.printf("H2HousekeepingTest: %d bytes of rows; file %d without housekeeping, %d with it right "
                        + "after the writes, %d once settled%n", live, withoutHousekeeping, afterBurst, withHousekeeping);

                // And then it leaves the idle file alone.
                long idleFrom = housekeeping.runs();
                long work = housekeeping.compactions();
                long size = Files.size(file);
                await().atMost(Duration.ofSeconds(30)).until(() -> housekeeping.runs() >= idleFrom + 10);
                assertThat(housekeeping.compactions()).as("rewrites while idle")
                        .isEqualTo(work);
                assertThat(Files.size(file)).isEqualTo(size);
            } finally {
                housekeeping.stop();
            }
            assertEveryRowBack(kept);
        }

        assertThat(withoutHousekeeping).as("baseline: %d bytes of rows", live).isGreaterThan(2 * live);
        assertThat(afterBurst).as("right after the writes, without housekeeping %d", withoutHousekeeping)
                .isLessThan(withoutHousekeeping * 3 / 4);
        assertThat(withHousekeeping).as("settled, without housekeeping %d", withoutHousekeeping)
                .isLessThan(2 * live).isLessThan(withoutHousekeeping * 6 / 10);
        // Closed and opened again: nothing H2 rewrote is lost.
        assertEveryRowBack(kept);
    }

    /**
     * Writers that come back while the housekeeping rewrites the idle file are not disturbed, and nothing is lost:
     * each burst starts as soon as a rewrite happened after the one before (or there was nothing
     * left to do).
     */
    @Test
    void bursts_meeting_idle_rewrites_lose_nothing() throws Exception {
        JdbcDataSource dataSource = dataSource("bursts");
        try (Connection keepOpen = dataSource.getConnection()) {
            createTables(dataSource);
            H2Housekeeping housekeeping = new H2Housekeeping(dataSource, Duration.ofMillis(25), true);
            housekeeping.start();
            try {
                int bursts = 5;
                for (int b = 0; b < bursts; b++) {
                    long rewrites = housekeeping.compactions();
                    write(dataSource, b * ROWS / bursts, (b + 1) * ROWS / bursts);
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> housekeeping.compactions() > rewrites || housekeeping.resting());
                }
                assertThat(housekeeping.compactions()).as("rewrites between the bursts").isPositive();
            } finally {
                housekeeping.stop();
            }
            assertEveryRowBack(dataSource);
        }
        assertEveryRowBack(dataSource);
    }

    @Test
    void looks_after_any_embedded_h2_file_and_nothing_else() throws Exception {
        JdbcDataSource implicitFile = new JdbcDataSource();
        implicitFile.setURL("jdbc:h2:" + dir.resolve("implicit") + ";WRITE_DELAY=0");
        H2Housekeeping found = new H2Housekeeping(implicitFile, Duration.ofMillis(25), true);
        found.start();
        assertThat(found.isActive()).as("jdbc:h2:<path> is a file too").isTrue();
        found.stop();


        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping");
        H2Housekeeping housekeeping = new H2Housekeeping(memory, Duration.ofMillis(25), true);
        housekeeping.start();
        assertThat(housekeeping.isActive()).isFalse();
        housekeeping.stop();

        H2Housekeeping off = new H2Housekeeping(dataSource("off"), Duration.ofMillis(25), false);
        off.start();
        assertThat(off.isActive()).isFalse();
        off.stop();
    }

    @Test
    void refuses_an_interval_that_leaves_the_file_unsynced_for_long() {
        assertThatThrownBy(() -> new H2Housekeeping(dataSource("x"), Duration.ofSeconds(20), true))
                .hasMessageContaining("descent.h2.housekeeping.interval");
    }

    /**
     * A read that takes longer than H2's retention time, while the housekeeping rewrites every page it reads, still
     * gets every row as they were when it started, on the application's own H2 URL. With
     * {@code LAZY_QUERY_EXECUTION=TRUE} in that URL (as until 1 Dec 2026) H2 reads a result's rows as the caller
     * asks for them, after the statement ended and stopped holding its version, and a slow caller met
     * "Chunk … not found" once the chunks it was reading had been rewritten and freed (H2 issue 4142; a 1M-row
     * read in StorageBenchmark failed so).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "auto-commit {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void a_slow_reader_gets_every_row_while_the_housekeeping_rewrites_what_it_reads(boolean autoCommit) throws Exception {
        JdbcDataSource dataSource = applicationDataSource("slow-reader-" + autoCommit);
        try (Connection keepOpen = dataSource.getConnection()) {
            createTables(dataSource);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO chunk VALUES (0, ?, ?)")) {
                for (int k = 0; k < ROWS; k++) {
                    insert.setInt(1, k);
                    insert.setBytes(2, row(k));
                    insert.executeUpdate();
                }
            }
            H2Housekeeping housekeeping = new H2Housekeeping(dataSource, Duration.ofMillis(25), true);
            housekeeping.start();
            try (Connection reader = readOnly(dataSource, autoCommit); Statement s = reader.createStatement();
                 // in the key's order, so H2 streams the rows instead of sorting them first, as Descent's reads do
                 ResultSet rs = s.executeQuery("SELECT first_iteration, data FROM chunk ORDER BY run_id, first_iteration")) {
                assertThat(rs.next()).isTrue();
                long rewrites = housekeeping.compactions();
                // Every row written again: each page the read started on is now dead, its chunk sparse.
                try (Connection writer = dataSource.getConnection();
                     PreparedStatement update = writer.prepareStatement("UPDATE chunk SET data = ? WHERE first_iteration = ?")) {
                    for (int k = 0; k < ROWS; k++) {
                        update.setBytes(1, row(ROWS + k));
                        update.setInt(2, k);
                        update.executeUpdate();
                    }
                }
                // The housekeeping rewrote the sparse chunks and the retention time (4 runs) passed since.
                await().atMost(Duration.ofSeconds(60)).until(housekeeping::resting);
                assertThat(housekeeping.compactions()).as("rewrites while the read was open").isGreaterThan(rewrites);
                int n = 0;
                do {
                    assertThat(rs.getInt(1)).isEqualTo(n);
                    assertThat(Arrays.equals(rs.getBytes(2), row(n))).as("row %d as the read began", n).isTrue();
                    n++;
                } while (rs.next());
                assertThat(n).isEqualTo(ROWS);
            } finally {
                housekeeping.stop();
            }
        }
    }

    /** A connection as Descent's reads use one: in a read-only transaction ({@code @Transactional}), or not. */
    private static Connection readOnly(JdbcDataSource dataSource, boolean autoCommit) throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(autoCommit);
        connection.setReadOnly(true);
        return connection;
    }

    /** A data source on the URL of application.properties, the H2 options Descent runs with. */
    private JdbcDataSource applicationDataSource(String name) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        try (var in = H2HousekeepingTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String url = properties.getProperty("spring.datasource.url")
                .replace("${descent.data-dir}/descent", dir.resolve(name).toString())
                .replace("${descent.h2.page-size}", properties.getProperty("descent.h2.page-size"));
        assertThat(url).startsWith("jdbc:h2:file:").doesNotContain("${");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }
}
