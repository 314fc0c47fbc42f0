package dev.descent.run;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Open views of one run share one read per burst of changes instead of one read each. */
@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class RunWatchTest {

    @Autowired
    RunService runs;
    @Autowired
    RunWatch watch;

    @Test
    void every_watcher_of_a_run_gets_the_same_single_read_after_a_burst_of_commits() {
        long id = runs.createOrResume("watch", "shared-read", Map.of(), List.of()).run().id();
        List<List<Optional<RunSummary>>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        List<Subscription> subscriptions = seen.stream().map(s -> watch.watchRun(id, s::add)).toList();
        long readsBefore = watch.reads();

        for (int i = 0; i < 20; i++) {
            runs.append(id, List.of(new NewPoint("loss", i, null, 1.0 / (i + 1), i)));
        }

        await().atMost(5, TimeUnit.SECONDS).until(() -> seen.stream().allMatch(s -> !s.isEmpty()
                && s.getLast().map(RunSummary::pointCount).orElse(0L) == 20));
        long reads = watch.reads() - readsBefore;
        assertThat(reads).as("20 commits, 3 watchers: far fewer reads than 60").isBetween(1L, 5L);
        assertThat(seen.get(1).getLast()).as("one read, handed to all").isSameAs(seen.get(0).getLast());
        assertThat(seen.get(2).getLast()).isSameAs(seen.get(0).getLast());

        subscriptions.forEach(Subscription::cancel);
        runs.deleteRun(id);
    }

    @Test
    void a_deleted_run_is_reported_empty_and_a_cancelled_watcher_hears_nothing_more() {
        long id = runs.createOrResume("watch", "deleted", Map.of(), List.of()).run().id();
        List<Optional<RunSummary>> cancelled = new CopyOnWriteArrayList<>();
        List<Optional<RunSummary>> seen = new CopyOnWriteArrayList<>();
        watch.watchRun(id, cancelled::add).cancel();
        Subscription subscription = watch.watchRun(id, seen::add);

        runs.deleteRun(id);

        await().atMost(5, TimeUnit.SECONDS).until(() -> !seen.isEmpty() && seen.getLast().isEmpty());
        assertThat(cancelled).isEmpty();
        subscription.cancel();
    }
}
