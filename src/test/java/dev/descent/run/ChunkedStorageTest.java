package dev.descent.run;

import dev.descent.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunked layout through the service, on the database the build runs against (H2, and PostgreSQL in the
 * postgresql execution): appends fill chunks, late and replacing points rewrite only their chunks, ranges
 * decode only what overlaps, and nothing is lost or doubled on the way.
 */
@SpringBootTest
@WithMockUser(roles = "ADMIN")
class ChunkedStorageTest {

    @Autowired
    RunService runs;
    @Autowired
    PointStore store;
    @Autowired
    JdbcTemplate jdbc;

    private long newRun(String name) {
        return runs.createOrResume("chunks", name, Map.of(), List.of()).run().id();
    }

    private int chunkRows(long runId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM series_chunk WHERE run_id = ?", Integer.class, runId);
        return n == null ? 0 : n;
    }

    private static List<NewPoint> points(String series, int from, int to, int step, double offset) {
        List<NewPoint> points = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            points.add(new NewPoint(series, i, i / 100.0, offset + 1.0 / (i + 1), 1_000_000L + i));
        }
        return points;
    }

    @Test
    void small_appends_are_merged_into_full_chunks_and_large_batches_start_their_own() {
        long small = newRun("small-appends");
        for (int from = 0; from < 5_000; from += 100) {
            runs.append(small, points("loss", from, from + 100, 1, 0));
        }
        long large = newRun("large-appends");
        for (int from = 0; from < 5_000; from += 1_000) {
            runs.append(large, points("loss", from, from + 1_000, 1, 0));
        }

        for (long id : List.of(small, large)) {
            SeriesData all = store.read(id, "loss", 0, Long.MAX_VALUE);
            assertThat(all.size()).isEqualTo(5_000);
            for (int i = 0; i < 5_000; i++) {
                assertThat(all.iterations()[i]).isEqualTo(i);
                assertThat(all.values()[i]).isEqualTo(1.0 / (i + 1));
            }
            assertThat(runs.get(id).pointCount()).isEqualTo(5_000);
        }
        List<Integer> smallChunks = jdbc.queryForList(
                "SELECT point_count FROM series_chunk WHERE run_id = ? ORDER BY first_iteration", Integer.class, small);
        // Each 100-point batch is a chunk of its own until the open ones hold a full chunk: then they are merged
        // (not the last chunk rewritten for every batch, DD008).
        assertThat(smallChunks.subList(0, 4)).as("full chunks first: %s", smallChunks)
                .containsOnly(ChunkCodec.MAX_POINTS);
        List<Integer> open = smallChunks.subList(4, smallChunks.size());
        assertThat(open).as("then the open ones: %s", smallChunks).allMatch(count -> count < ChunkCodec.MAX_POINTS);
        assertThat(open.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5_000 - 4 * ChunkCodec.MAX_POINTS);
        assertThat(jdbc.queryForList("SELECT point_count FROM series_chunk WHERE run_id = ? ORDER BY first_iteration",
                Integer.class, large)).as("each 1,000-point batch its own chunk: none was rewritten")
                .containsExactly(1_000, 1_000, 1_000, 1_000, 1_000);
    }

    @Test
    void one_point_appends_keep_a_bounded_number_of_open_chunks() {
        long id = newRun("one-point-appends");
        for (int i = 0; i < 3_000; i++) {
            runs.append(id, points("loss", i, i + 1, 1, 0));
        }
        SeriesData all = store.read(id, "loss", 0, Long.MAX_VALUE);
        assertThat(all.size()).isEqualTo(3_000);
        for (int i = 0; i < 3_000; i++) {
            assertThat(all.iterations()[i]).isEqualTo(i);
            assertThat(all.values()[i]).isEqualTo(1.0 / (i + 1));
        }
        List<Integer> chunks = jdbc.queryForList(
                "SELECT point_count FROM series_chunk WHERE run_id = ? ORDER BY first_iteration", Integer.class, id);
        assertThat(chunks.subList(0, 2)).as("%s", chunks).containsOnly(ChunkCodec.MAX_POINTS);
        assertThat(chunks.size()).as("open chunks at the end: %s", chunks).isLessThanOrEqualTo(2 + PointStore.MAX_OPEN_CHUNKS);
        // A late point into the open chunks and a replaced one still land where they belong.
        runs.append(id, List.of(new NewPoint("loss", 2_999, null, 7.0, 1L), new NewPoint("loss", 10, null, 8.0, 1L)));
        SeriesData again = store.read(id, "loss", 0, Long.MAX_VALUE);
        assertThat(again.size()).isEqualTo(3_000);
        assertThat(again.values()[2_999]).isEqualTo(7.0);
        assertThat(again.values()[10]).isEqualTo(8.0);
    }

    @Test
    void a_divergence_longer_than_a_chunk_is_found_from_the_end_with_the_last_finite_value() {
        long id = newRun("diverged-long");
        runs.append(id, points("loss", 0, 1_000, 1, 0));
        List<NewPoint> diverged = new ArrayList<>();
        for (int i = 1_000; i < 3_500; i++) {
            diverged.add(new NewPoint("loss", i, null, i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY, 1L));
        }
        runs.append(id, diverged.subList(0, 1_200));
        runs.append(id, diverged.subList(1_200, 2_500));
        assertThat(chunkRows(id)).as("the streak spans chunks").isGreaterThanOrEqualTo(3);

        var tail = store.tail(id, "loss");
        assertThat(tail.nonFiniteSince()).isEqualTo(1_000L);
        assertThat(tail.lastFinite()).isEqualTo(1.0 / 1_000);
        assertThat(tail.lastFiniteIteration()).isEqualTo(999L);
        assertThat(runs.get(id).lossNonFiniteSince()).isEqualTo(1_000L);

        long never = newRun("never-finite");
        runs.append(never, diverged.subList(0, 10));
        assertThat(store.tail(never, "loss")).isEqualTo(new PointStore.Tail(null, null, 1_000L));
    }

    @Test
    void late_points_between_and_before_chunks_and_replacements_inside_one_are_stored_in_order_once() {
        long id = newRun("late");
        runs.append(id, points("loss", 1_000, 4_000, 2, 0));          // even iterations
        AppendResult odd = runs.append(id, points("loss", 1_001, 4_000, 2, 0)); // odd ones, late, into every chunk
        AppendResult early = runs.append(id, points("loss", 0, 1_000, 1, 0));   // before the first chunk
        AppendResult replaced = runs.append(id, points("loss", 2_000, 2_100, 1, 5)); // inside a chunk

        assertThat(odd.duplicates()).isZero();
        assertThat(early.duplicates()).isZero();
        assertThat(replaced.duplicates()).isEqualTo(100);
        SeriesData all = store.read(id, "loss", 0, Long.MAX_VALUE);
        assertThat(all.size()).isEqualTo(4_000);
        for (int i = 0; i < 4_000; i++) {
            assertThat(all.iterations()[i]).isEqualTo(i);
            assertThat(all.values()[i]).isEqualTo((i >= 2_000 && i < 2_100 ? 5 : 0) + 1.0 / (i + 1));
        }
        assertThat(runs.get(id).pointCount()).isEqualTo(4_000);
    }

    @Test
    void a_range_read_equals_the_same_range_of_the_whole_series() {
        long id = newRun("ranges");
        runs.append(id, points("loss", 0, 6_000, 3, 0));
        SeriesData all = store.read(id, "loss", 0, Long.MAX_VALUE);
        Random random = new Random(3);
        for (int k = 0; k < 20; k++) {
            long from = random.nextInt(6_500);
            long to = from + random.nextInt(3_000);
            SeriesData range = store.read(id, "loss", from, to);
            int start = all.indexFrom(from);
            int end = all.indexAfter(to);
            assertThat(range.iterations()).as("[%d, %d]", from, to)
                    .containsExactly(java.util.Arrays.copyOfRange(all.iterations(), start, end));
        }
        assertThat(store.read(id, "loss", 7_000, 9_000).size()).isZero();
    }

    @Test
    void several_series_clearing_and_deleting_remove_their_chunks() {
        long id = newRun("cleared");
        runs.append(id, points("loss", 0, 3_000, 1, 0));
        runs.append(id, points("val_loss", 0, 3_000, 100, 0));
        assertThat(store.seriesNames(id)).containsExactly("loss", "val_loss");
        assertThat(store.count(id)).isEqualTo(3_030);

        assertThat(runs.clearHistory(id)).isEqualTo(3_030);
        assertThat(chunkRows(id)).isZero();
        assertThat(runs.readSeries(id, "loss").size()).isZero();

        runs.append(id, points("loss", 0, 10, 1, 0));
        assertThat(runs.deleteRun(id)).isEqualTo(10);
        assertThat(chunkRows(id)).isZero();
    }

    @Test
    void on_h2_a_run_has_one_end_row_that_no_read_sees_and_that_goes_with_the_run() {
        boolean h2 = !TestDatabase.postgresql();
        long id = newRun("end-rows");
        for (int from = 0; from < 3_000; from += 1_000) {
            runs.append(id, points("loss", from, from + 1_000, 1, 0));
            runs.append(id, points("val_loss", from, from + 1_000, 100, 0));
        }
        runs.append(id, points("loss", 500, 510, 1, 1)); // late points rewrite a chunk

        // PointStore's end row (DD008): one empty row per run, under the run's id negated; none on PostgreSQL.
        assertThat(chunkRows(-id)).isEqualTo(h2 ? 1 : 0);
        if (h2) {
            assertThat(jdbc.queryForObject("SELECT run_id FROM series_chunk ORDER BY _ROWID_ DESC LIMIT 1", Long.class))
                    .as("the end row is the newest row in H2's table, behind the write's chunks").isEqualTo(-id);
        }
        assertThat(store.seriesNames(id)).containsExactly("loss", "val_loss");
        assertThat(store.count(id)).isEqualTo(3_030);
        assertThat(runs.readSeries(id, "loss").size()).isEqualTo(3_000);
        assertThat(runs.readSeries(id, "loss").values()[505]).isEqualTo(1 + 1.0 / 506);

        assertThat(runs.clearHistory(id)).isEqualTo(3_030);
        assertThat(chunkRows(-id)).isZero();
        runs.append(id, points("loss", 0, 10, 1, 0));
        assertThat(chunkRows(-id)).isEqualTo(h2 ? 1 : 0);
        runs.deleteRun(id);
        assertThat(chunkRows(-id)).isZero();
    }

    @Test
    void the_application_ran_the_java_migration_that_moves_old_points() {
        Integer applied = jdbc.queryForObject(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '8' AND success = TRUE", Integer.class);
        assertThat(applied).as("V8__Chunk_existing_points registered as a bean and applied").isEqualTo(1);
    }
}
