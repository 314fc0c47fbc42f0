package dev.descent.run;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@WithMockUser(roles = "ADMIN")
class RunServiceTest {

    @Autowired
    RunService runs;
    @Autowired
    RunEvents events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long newRun(String name) {
        return runs.createOrResume("test", name, Map.of("lr", 0.001), List.of("unit")).run().id();
    }

    @Test
    void non_finite_values_and_fractional_epochs_round_trip_through_the_database() {
        long id = newRun("diverging");
        runs.append(id, List.of(
                new NewPoint("loss", 0, 0.0, 2.5, 1000),
                new NewPoint("loss", 1, 0.25, Double.NaN, 1001),
                new NewPoint("loss", 2, 0.5, Double.POSITIVE_INFINITY, 1002),
                new NewPoint("loss", 3, 0.75, Double.NEGATIVE_INFINITY, 1003),
                new NewPoint("loss", 4, null, -0.0, 1004)));

        SeriesData loss = runs.readSeries(id, "loss");

        assertThat(loss.iterations()).containsExactly(0, 1, 2, 3, 4);
        assertThat(loss.values()[0]).isEqualTo(2.5);
        assertThat(loss.values()[1]).isNaN();
        assertThat(loss.values()[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(loss.values()[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(loss.epochs()).startsWith(0.0, 0.25, 0.5, 0.75);
        assertThat(loss.epochs()[4]).as("no epoch reads back as NaN").isNaN();
        assertThat(loss.timestamps()).containsExactly(1000, 1001, 1002, 1003, 1004);
    }

    @Test
    void a_restarted_job_resumes_its_run_instead_of_creating_a_second_one() {
        ResumedRun first = runs.createOrResume("test", "resume-me", Map.of("lr", 0.1), List.of("a", "b"));
        ResumedRun again = runs.createOrResume("test", "resume-me", Map.of(), List.of());

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.run().id()).isEqualTo(first.run().id());
        assertThat(again.run().params()).containsEntry("lr", 0.1);
        assertThat(again.run().tags()).containsExactly("a", "b");
        assertThat(again.run().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void a_point_sent_again_replaces_the_stored_one_and_counts_as_duplicate() {
        long id = newRun("dupes");
        runs.append(id, List.of(new NewPoint("loss", 5, 1.0, 0.9, 1), new NewPoint("loss", 6, 1.0, 0.8, 1)));

        AppendResult result = runs.append(id, List.of(
                new NewPoint("loss", 6, 1.0, 0.7, 2), new NewPoint("loss", 7, 1.0, 0.6, 2)));

        assertThat(result).isEqualTo(new AppendResult(2, 1));
        assertThat(runs.readSeries(id, "loss").values()).containsExactly(0.9, 0.7, 0.6);
        assertThat(runs.get(id).pointCount()).isEqualTo(3);
        assertThat(runs.get(id).lastLoss()).isEqualTo(0.6);
    }

    @Test
    void the_latest_loss_follows_the_highest_iteration_and_a_late_batch_does_not_move_it_back() {
        long id = newRun("counters");
        runs.append(id, List.of(new NewPoint("loss", 100, null, 0.5, 1)));
        java.time.Instant afterFirst = runs.get(id).updatedAt();

        runs.append(id, List.of(new NewPoint("loss", 50, null, 0.9, 2), new NewPoint("val_loss", 200, null, 0.1, 2)));
        assertThat(runs.get(id).lastLoss()).as("a late loss point is stored but is not the latest").isEqualTo(0.5);
        assertThat(runs.get(id).pointCount()).isEqualTo(3);
        assertThat(runs.get(id).updatedAt()).as("every batch moves the run up the list").isAfter(afterFirst);

        runs.append(id, List.of(new NewPoint("loss", 101, null, Double.NaN, 3)));
        assertThat(runs.get(id).lastLoss()).as("a diverged run's latest loss is NaN").isNaN();
        assertThat(runs.get(id).pointCount()).isEqualTo(4);
    }

    @Test
    void concurrent_overlapping_batches_into_one_run_store_each_point_once_and_count_exactly()
            throws Exception {
        long id = newRun("concurrent");
        int writers = 4;
        int batches = 20;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    // Every writer sends the same iterations: a retrying client racing itself.
                    for (int b = 0; b < batches; b++) {
                        List<NewPoint> batch = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            batch.add(new NewPoint("loss", b * 50L + i, null, 1.0 / (b * 50 + i + 1), 1));
                        }
                        runs.append(id, batch);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }

        assertThat(runs.get(id).pointCount()).isEqualTo(batches * 50L);
        assertThat(runs.readSeries(id, "loss").iterations()).hasSize(batches * 50);
        assertThat(runs.get(id).lastLoss()).isEqualTo(1.0 / (batches * 50));
    }

    @Test
    void out_of_order_points_read_back_in_iteration_order_and_series_stay_apart() {
        long id = newRun("shuffled");
        runs.append(id, List.of(
                new NewPoint("loss", 30, null, 0.3, 1),
                new NewPoint("val_loss", 10, null, 0.5, 1),
                new NewPoint("loss", 10, null, 0.1, 1),
                new NewPoint("loss", 20, null, 0.2, 1)));

        assertThat(runs.readSeries(id, "loss").iterations()).containsExactly(10, 20, 30);
        assertThat(runs.readSeries(id, "val_loss").values()).containsExactly(0.5);
        assertThat(runs.seriesNames(id)).containsExactly("loss", "val_loss");
        assertThat(runs.get(id).lastLoss()).as("loss at the highest iteration").isEqualTo(0.3);
    }

    @Test
    void points_are_announced_after_commit_and_not_after_rollback() {
        long id = newRun("events");
        List<PointsAppended> seen = new CopyOnWriteArrayList<>();
        Subscription subscription = events.onPointsAppended(id, seen::add);
        try {
            transaction.executeWithoutResult(status -> {
                runs.append(id, List.of(new NewPoint("loss", 1, null, 0.5, 1)));
                assertThat(seen).as("nothing before commit").isEmpty();
            });
            assertThat(seen).hasSize(1);
            assertThat(seen.getFirst().points()).extracting(NewPoint::iteration).containsExactly(1L);

            transaction.executeWithoutResult(status -> {
                runs.append(id, List.of(new NewPoint("loss", 2, null, 0.4, 1)));
                status.setRollbackOnly();
            });
            assertThat(seen).as("a rolled-back batch is never announced").hasSize(1);
            assertThat(runs.readSeries(id, "loss").iterations()).containsExactly(1);
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void clearing_history_deletes_points_and_keeps_the_run() {
        long id = newRun("clear-me");
        List<NewPoint> batch = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            batch.add(new NewPoint("loss", i, i / 100.0, 1.0 / (i + 1), i));
        }
        runs.append(id, batch);

        assertThat(runs.clearHistory(id)).isEqualTo(2500);
        assertThat(runs.readSeries(id, "loss").size()).isZero();
        assertThat(runs.get(id).pointCount()).isZero();
        assertThat(runs.get(id).lastLoss()).isNull();
    }

    @Test
    void unknown_runs_are_reported_as_such() {
        assertThatThrownBy(() -> runs.append(987654321L, List.of(new NewPoint("loss", 1, null, 1, 1))))
                .isInstanceOf(RunNotFoundException.class).hasMessageContaining("987654321");
        assertThat(runs.find(987654321L)).isEmpty();
    }

    @Test
    void status_changes_are_stored() {
        long id = newRun("finishing");
        assertThat(runs.changeStatus(id, RunStatus.FINISHED).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(runs.list("test", RunStatus.FINISHED)).extracting(RunSummary::id).contains(id);
    }

    @Test
    void reads_served_from_memory_see_every_later_commit() {
        long id = newRun("cached");
        runs.append(id, List.of(new NewPoint("loss", 10, null, 1.0, 1), new NewPoint("loss", 20, null, 0.9, 1)));
        assertThat(runs.readSeries(id, "loss").iterations()).containsExactly(10, 20);

        runs.append(id, List.of(new NewPoint("loss", 30, null, 0.8, 1)));
        assertThat(runs.readSeries(id, "loss").iterations()).as("appended in place").containsExactly(10, 20, 30);

        runs.append(id, List.of(new NewPoint("loss", 15, null, 0.95, 1)));
        assertThat(runs.readSeries(id, "loss").iterations()).as("late point").containsExactly(10, 15, 20, 30);

        runs.append(id, List.of(new NewPoint("loss", 20, null, 0.5, 1)));
        assertThat(runs.readSeries(id, "loss").values()).as("replaced point").containsExactly(1.0, 0.95, 0.5, 0.8);
        assertThat(runs.readSeries(id, "loss", 15, 20).iterations()).as("a range").containsExactly(15, 20);

        runs.clearHistory(id);
        assertThat(runs.readSeries(id, "loss").size()).isZero();
        runs.append(id, List.of(new NewPoint("loss", 1, null, 3.0, 1)));
        assertThat(runs.readSeries(id, "loss").values()).containsExactly(3.0);
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_viewer_cannot_clear_or_delete_and_nothing_is_deleted() {
        long id = runs.createOrResume("test", "protected", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 1, null, 0.5, 1), new NewPoint("loss", 2, null, 0.4, 1)));

        assertThatThrownBy(() -> runs.clearHistory(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> runs.deleteRun(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> runs.clearProject("test")).isInstanceOf(AccessDeniedException.class);

        assertThat(runs.readSeries(id, "loss").size()).isEqualTo(2);
        assertThat(runs.find(id)).isPresent();
    }

    @Test
    void deleting_a_run_removes_it_with_its_points_and_is_announced() {
        long id = newRun("to-delete");
        runs.append(id, List.of(new NewPoint("loss", 1, null, 0.5, 1)));
        List<RunChanged> changes = new CopyOnWriteArrayList<>();
        Subscription subscription = events.onRunChanged(changes::add);

        assertThat(runs.deleteRun(id)).isEqualTo(1);

        subscription.cancel();
        assertThat(runs.find(id)).isEmpty();
        assertThat(changes).contains(new RunChanged(id, RunChanged.Kind.DELETED));
    }

    @Test
    void first_and_lowest_loss_follow_appends_replacements_and_clears_and_are_filled_in_for_older_runs() {
        long id = runs.createOrResume("extremes", "extremes-a", java.util.Map.of(), java.util.List.of()).run().id();
        runs.append(id, java.util.List.of(new NewPoint("loss", 10, null, 0.8, 1), new NewPoint("loss", 20, null, 0.4, 2),
                new NewPoint("loss", 30, null, Double.NaN, 3), new NewPoint("val_loss", 30, null, 0.01, 3)));
        RunSummary run = runs.find(id).orElseThrow();
        assertThat(run.firstLoss()).isEqualTo(0.8);
        assertThat(run.minLoss()).isEqualTo(0.4);
        assertThat(run.minLossIteration()).isEqualTo(20);

        // A late point before the first one becomes the first; a replacement of the lowest with a higher value
        // makes the second lowest the lowest (only known by reading the series again).
        runs.append(id, java.util.List.of(new NewPoint("loss", 5, null, 1.2, 4), new NewPoint("loss", 20, null, 0.9, 5)));
        run = runs.find(id).orElseThrow();
        assertThat(run.firstLoss()).isEqualTo(1.2);
        assertThat(run.minLoss()).isEqualTo(0.8);
        assertThat(run.minLossIteration()).isEqualTo(10);
        assertThat(run.improvementFromFirst()).as("from 1.2 to the last finite 0.9").isCloseTo(25.0, org.assertj.core.api.Assertions.within(1e-9));

        // Runs stored before the columns existed are filled in from their series.
        jdbc.update("UPDATE run SET first_loss = NULL, first_loss_iteration = NULL, min_loss = NULL, min_loss_iteration = NULL WHERE id = ?", id);
        assertThat(runs.runsWithoutExtremes()).contains(id);
        runs.backfillExtremes(id);
        assertThat(runs.find(id).orElseThrow().minLoss()).isEqualTo(0.8);
        assertThat(runs.runsWithoutExtremes()).doesNotContain(id);

        runs.clearHistory(id);
        run = runs.find(id).orElseThrow();
        assertThat(run.firstLoss()).isNull();
        assertThat(run.minLoss()).isNull();
        runs.append(id, java.util.List.of(new NewPoint("loss", 0, null, 3.0, 6)));
        assertThat(runs.find(id).orElseThrow().minLoss()).as("a cleared run starts again").isEqualTo(3.0);
    }

    @Test
    void a_view_told_of_a_change_reads_what_the_cache_holds_after_it() {
        long id = newRun("told-after-cache");
        runs.append(id, List.of(new NewPoint("loss", 0, null, 1.0, 0)));
        assertThat(runs.seriesNames(id)).containsExactly("loss");
        assertThat(runs.readSeries(id, "loss").size()).isEqualTo(1);
        List<List<String>> namesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> pointsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Subscription told = events.onRunChanged(change -> {
            if (change.runId() == id && change.kind() == RunChanged.Kind.HISTORY_CLEARED) {
                namesSeen.add(runs.seriesNames(id));
                pointsSeen.add(runs.readSeries(id, "loss").size());
            }
        });
        try {
            runs.clearHistory(id);
        } finally {
            told.cancel();
        }
        assertThat(namesSeen).containsExactly(List.of());
        assertThat(pointsSeen).containsExactly(0);
    }
}
