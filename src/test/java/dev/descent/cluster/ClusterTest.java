package dev.descent.cluster;

import dev.descent.Application;
import dev.descent.TestDatabase;
import dev.descent.run.NewPoint;
import dev.descent.run.PointsAppended;
import dev.descent.run.RunChanged;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.security.IssuedToken;
import dev.descent.security.TokenScope;
import dev.descent.security.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes (two Spring applications with their own caches and listeners) on one PostgreSQL database: what one
 * writes, the other serves at once from its own caches and pushes to its own live views.
 */
class ClusterTest {

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.Schema schema = TestDatabase.freshSchema();
        a = node(schema);
        b = node(schema);
    }

    @AfterAll
    static void stop() {
        SecurityContextHolder.clearContext();
        b.close();
        a.close();
    }

    private static ConfigurableApplicationContext node(TestDatabase.Schema schema) {
        return dev.descent.TestNodes.start(schema);
    }

    private static List<NewPoint> losses(long from, int n) {
        return java.util.stream.LongStream.range(from, from + n)
                .mapToObj(i -> new NewPoint("loss", i, i / 100.0, 1.0 / (1 + i), 1000 + i)).toList();
    }

    @Test
    void points_written_on_one_node_reach_the_other_nodes_cache_and_live_views() {
        RunService onA = a.getBean(RunService.class);
        RunService onB = b.getBean(RunService.class);
        long run = onA.createOrResume("cluster", "points", Map.of(), List.of()).run().id();
        onA.append(run, losses(0, 100));
        assertThat(onB.readSeries(run, "loss").size()).as("B caches the series").isEqualTo(100);
        List<PointsAppended> seenOnB = new CopyOnWriteArrayList<>();
        var subscription = b.getBean(RunEvents.class).onPointsAppended(run, seenOnB::add);

        onA.append(run, losses(100, 50));

        // The first batch's notification may still be on its way when B subscribes: count the new points only.
        // How fast is a benchmark figure (docs/performance.md); here it only has to happen, with time to spare.
        await().atMost(Duration.ofSeconds(5)).until(() -> newPointsSeen(seenOnB).size() >= 50);
        assertThat(newPointsSeen(seenOnB)).as("each new point once, in a batch of its own")
                .containsExactlyElementsOf(java.util.stream.LongStream.range(100, 150).boxed().toList());
        assertThat(onB.readSeries(run, "loss").size()).as("B's cache has them too").isEqualTo(150);
        assertThat(seenOnB.getLast().points().getFirst().epoch()).isEqualTo(1.0);
        subscription.cancel();

        onA.clearHistory(run);
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.readSeries(run, "loss").size() == 0);
    }

    private static List<Long> newPointsSeen(List<PointsAppended> seen) {
        return seen.stream().flatMap(p -> p.points().stream()).map(NewPoint::iteration).filter(i -> i >= 100)
                .sorted().toList();
    }

    @Test
    void both_nodes_say_they_are_healthy_and_listening() {
        assertThat(a.getBean(HealthApi.class).health().getBody()).isEqualTo(new HealthApi.Health("UP", "UP", "UP"));
        assertThat(b.getBean(HealthApi.class).health().getBody()).isEqualTo(new HealthApi.Health("UP", "UP", "UP"));
    }

    @Test
    void a_token_revoked_on_one_node_is_refused_by_the_other_within_a_second() {
        TokenService tokensA = a.getBean(TokenService.class);
        TokenService tokensB = b.getBean(TokenService.class);
        IssuedToken token = tokensA.create("cluster-revoked", TokenScope.INGEST);
        assertThat(tokensB.authenticate(token.secret())).as("B checked it, and remembers it for 30 s").isPresent();

        tokensA.revoke(token.id());

        await().atMost(Duration.ofSeconds(1)).until(() -> tokensB.authenticate(token.secret()).isEmpty());
    }

    @Test
    void a_user_disabled_on_one_node_has_their_sessions_ended_on_the_other_within_a_second() {
        List<dev.descent.security.UserChanged> heardOnB = new CopyOnWriteArrayList<>();
        b.addApplicationListener(org.springframework.context.ApplicationListener.forPayload(
                (dev.descent.security.UserChanged changed) -> heardOnB.add(changed)));
        var usersA = a.getBean(dev.descent.security.UserService.class);
        var created = usersA.create("cluster-walter", "walter-password-1", dev.descent.security.Role.VIEWER);

        usersA.setEnabled(created.id(), false);

        await().atMost(Duration.ofSeconds(1)).until(() -> heardOnB.contains(
                new dev.descent.security.UserChanged(created.id(), "cluster-walter")));
    }

    @Test
    void a_killed_listener_reconnects_and_its_views_catch_up_on_what_they_missed() throws Exception {
        RunService onA = a.getBean(RunService.class);
        RunService onB = b.getBean(RunService.class);
        ClusterListener listenerB = b.getBean(ClusterListener.class);
        long run = onA.createOrResume("cluster", "outage", Map.of(), List.of()).run().id();
        long unwatched = onA.createOrResume("cluster", "outage-unwatched", Map.of(), List.of()).run().id();
        onA.append(run, losses(0, 10));
        onA.append(unwatched, losses(0, 10));
        assertThat(onB.readSeries(run, "loss").size()).isEqualTo(10);
        assertThat(onB.readSeries(unwatched, "loss").size()).as("cached on B, followed by no view").isEqualTo(10);
        List<RunChanged> changesOnB = new CopyOnWriteArrayList<>();
        var follow = b.getBean(RunEvents.class).onPointsAppended(run, p -> { });
        var changes = b.getBean(RunEvents.class).onRunChanged(changesOnB::add);
        List<dev.descent.security.AccountsMayHaveChanged> accountChecks = new CopyOnWriteArrayList<>();
        b.addApplicationListener(org.springframework.context.ApplicationListener.forPayload(
                (dev.descent.security.AccountsMayHaveChanged gap) -> accountChecks.add(gap)));
        long reconnects = listenerB.reconnects();

        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet killed = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = 'descent-listener-" + b.getBean(ClusterNode.class).id() + "'")) {
            assertThat(killed.next()).as("B's listener connection was found").isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !listenerB.connected());
        onA.append(run, losses(10, 5)); // B hears nothing of this
        onA.append(unwatched, losses(10, 5));

        await().atMost(Duration.ofSeconds(10)).until(() -> listenerB.reconnects() > reconnects && listenerB.connected());
        await().atMost(Duration.ofSeconds(2)).until(() -> changesOnB.contains(new RunChanged(run, RunChanged.Kind.RELOADED)));
        assertThat(onB.readSeries(run, "loss").size()).as("B re-read what it missed").isEqualTo(15);
        assertThat(onB.readSeries(unwatched, "loss").size()).as("B's cache forgot what it may have missed")
                .isEqualTo(15);
        assertThat(accountChecks).as("user changes missed meanwhile are looked for too").isNotEmpty();
        follow.cancel();
        changes.cancel();
    }
}
