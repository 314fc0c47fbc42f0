package dev.descent.cluster;

import dev.descent.run.NewPoint;
import dev.descent.run.PointsAppended;
import dev.descent.run.RunChanged;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;
import dev.descent.security.AccountsMayHaveChanged;
import dev.descent.security.TokenService;
import dev.descent.security.UserChanged;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Listens to the other nodes on one dedicated connection outside the pool, and replays their changes here: new
 * points are read from the database and announced as if written here (the series cache appends them, live views
 * draw them, the watchdog sees them); cleared histories, deletions and status changes are announced as they are;
 * a revoked token is forgotten. When the connection drops it reconnects with backoff (1 s doubling to 30 s) and
 * then tells every open view to re-read once, since notifications sent meanwhile are lost.
 */
@Component
class ClusterListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterListener.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ClusterNode node;
    private final RunService runs;
    private final RunEvents runEvents;
    private final TokenService tokens;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile @org.jspecify.annotations.Nullable Thread thread;
    private volatile long reconnects;

    ClusterListener(ClusterNode node, RunService runs, RunEvents runEvents, TokenService tokens,
                    ApplicationEventPublisher events, JsonMapper json,
                    @Value("${spring.datasource.url:}") String url,
                    @Value("${spring.datasource.username:}") String user,
                    @Value("${spring.datasource.password:}") String password) {
        this.node = node;
        this.runs = runs;
        this.runEvents = runEvents;
        this.tokens = tokens;
        this.events = events;
        this.json = json;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Whether this node hears the others now (always true on H2, where there are none). */
    boolean connected() {
        return !node.clustered() || life.connected;
    }

    /** Times the connection was re-established after a loss (tests and health). */
    long reconnects() {
        return reconnects;
    }

    /** One listening thread's life: a stop ends it for good, and a later start begins another. */
    private static final class Life {
        volatile boolean alive = true;
        volatile boolean connected;
        volatile @org.jspecify.annotations.Nullable Connection connection;
        final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);
    }

    private volatile Life life = new Life();

    /**
     * Starts listening, and waits (up to 10 s) for the first connection: a node says it is up only once it hears
     * the others. If that fails, the thread goes on trying with backoff and {@code /health} says {@code DOWN}.
     */
    @Override
    public void start() {
        running = true;
        if (!node.clustered()) {
            return;
        }
        Life current = new Life();
        life = current;
        thread = Thread.ofPlatform().name("cluster-listener").daemon().start(() -> listen(current));
        try {
            current.firstAttempt.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        life.alive = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen(Life current) {
        Duration backoff = Duration.ofSeconds(1);
        boolean first = true;
        while (current.alive) {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            // Named, so an operator (or a test) can tell it from the pool's connections in pg_stat_activity.
            properties.setProperty("ApplicationName", "descent-listener-" + node.id());
            try (Connection c = DriverManager.getConnection(url, properties)) {
                current.connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ClusterMessage.CHANNEL);
                }
                current.connected = true;
                current.firstAttempt.countDown();
                if (first) {
                    log.info("Listening to the other nodes on channel {} as node {}", ClusterMessage.CHANNEL, node.id());
                }
                if (!first) {
                    reconnects++;
                    log.info("Listening to the other nodes again; every open view re-reads once");
                    resynchronise();
                }
                first = false;
                backoff = Duration.ofSeconds(1);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (current.alive) {
                    PGNotification[] received = pg.getNotifications(1000);
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification n : received) {
                        apply(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                current.connected = false;
                current.firstAttempt.countDown();
                if (!current.alive) {
                    return;
                }
                log.warn("Lost the connection that hears the other nodes ({}); reconnecting in {} s", e.getMessage(),
                        backoff.toSeconds());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                current.connected = false;
                current.connection = null;
            }
        }
    }

    /**
     * Notifications sent while this node was not listening are lost: every followed run and the lists re-read, and
     * the users with pages open here checked again.
     */
    private void resynchronise() {
        runs.forgetCachedSeries();
        ClusterNode.replay(() -> {
            for (long runId : runEvents.followedRuns()) {
                events.publishEvent(new RunChanged(runId, RunChanged.Kind.RELOADED));
            }
            events.publishEvent(new RunChanged(RunChanged.EVERY_RUN, RunChanged.Kind.RELOADED));
            // A user disabled, re-roled or given a new password meanwhile: their pages here are checked again.
            events.publishEvent(new AccountsMayHaveChanged());
            return null;
        });
    }

    void apply(String payload) {
        ClusterMessage m;
        try {
            m = json.readValue(payload, ClusterMessage.class);
        } catch (RuntimeException e) {
            log.warn("Ignored a notification this node cannot read: {}", payload.length() > 200 ? payload.substring(0, 200) : payload);
            return;
        }
        if (m.node().equals(node.id())) {
            return;
        }
        try {
            ClusterNode.replay(() -> {
                switch (m.type()) {
                    case "points" -> points(m);
                    case "run" -> events.publishEvent(new RunChanged(m.id(),
                            RunChanged.Kind.valueOf(java.util.Objects.requireNonNullElse(m.kind(), "RELOADED"))));
                    case "token" -> tokens.forget(m.id());
                    case "user" -> events.publishEvent(new UserChanged(m.id(), java.util.Objects.requireNonNullElse(m.name(), "")));
                    default -> log.debug("Ignored a notification of type {}", m.type());
                }
                return null;
            });
        } catch (RuntimeException e) {
            // One change that cannot be replayed must not stop this node from hearing the next ones.
            log.warn("Could not replay another node's change {}", payload, e);
        }
    }

    private void points(ClusterMessage m) {
        Map<String, long[]> series = m.series();
        if (series == null) {
            events.publishEvent(new RunChanged(m.id(), RunChanged.Kind.RELOADED));
            return;
        }
        List<NewPoint> points = new ArrayList<>();
        series.forEach((name, range) -> {
            SeriesData data = runs.readStoredSeries(m.id(), name, range[0], range[1]);
            for (int i = 0; i < data.size(); i++) {
                double epoch = data.epochs()[i];
                points.add(new NewPoint(name, data.iterations()[i], Double.isNaN(epoch) ? null : epoch,
                        data.values()[i], data.timestamps()[i]));
            }
        });
        events.publishEvent(new PointsAppended(m.id(), List.copyOf(points), m.replaced()));
        events.publishEvent(new RunChanged(m.id(), RunChanged.Kind.POINTS));
    }

    private void closeQuietly() {
        Connection c = life.connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
