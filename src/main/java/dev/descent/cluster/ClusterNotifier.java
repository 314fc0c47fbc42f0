package dev.descent.cluster;

import dev.descent.run.NewPoint;
import dev.descent.run.PointsAppended;
import dev.descent.run.RunChanged;
import dev.descent.security.TokenRevoked;
import dev.descent.security.UserChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Announces this node's changes to the others. The {@code NOTIFY} is sent inside the changing transaction (these
 * are plain, synchronous listeners), so PostgreSQL delivers it if and only if the change commits, in commit order.
 * Changes this node replays from another node are not announced again.
 */
@Component
class ClusterNotifier {

    private final ClusterNode node;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ClusterNotifier(ClusterNode node, JdbcTemplate jdbc, JsonMapper json) {
        this.node = node;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    void pointsAppended(PointsAppended appended) {
        if (!node.clustered() || ClusterNode.replaying()) {
            return;
        }
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (NewPoint p : appended.points()) {
            ranges.merge(p.series(), new long[]{p.iteration(), p.iteration()},
                    (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        ClusterMessage message = new ClusterMessage(node.id(), "points", appended.runId(), null, ranges,
                appended.replacedExisting());
        String payload = json.writeValueAsString(message);
        if (payload.getBytes(StandardCharsets.UTF_8).length > ClusterMessage.MAX_BYTES) {
            payload = json.writeValueAsString(new ClusterMessage(node.id(), "run", appended.runId(),
                    RunChanged.Kind.RELOADED.name(), null, false));
        }
        send(payload);
    }

    @EventListener
    void runChanged(RunChanged change) {
        // New points travel as "points" (the receiver announces POINTS itself).
        if (!node.clustered() || ClusterNode.replaying() || change.kind() == RunChanged.Kind.POINTS) {
            return;
        }
        send(json.writeValueAsString(new ClusterMessage(node.id(), "run", change.runId(), change.kind().name(),
                null, false)));
    }

    @EventListener
    void tokenRevoked(TokenRevoked revoked) {
        if (node.clustered() && !ClusterNode.replaying()) {
            send(json.writeValueAsString(new ClusterMessage(node.id(), "token", revoked.tokenId(), null, null, false)));
        }
    }

    @EventListener
    void userChanged(UserChanged changed) {
        if (node.clustered() && !ClusterNode.replaying()) {
            send(json.writeValueAsString(new ClusterMessage(node.id(), "user", changed.userId(), null, null, false,
                    changed.username())));
        }
    }

    private void send(String payload) {
        jdbc.query("SELECT pg_notify(?, ?)", rs -> null, ClusterMessage.CHANNEL, payload);
    }
}
