package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.descent.watchdog.IncidentRows.utc;

/** Webhooks and their outbox of deliveries. */
@Repository
class WebhookRows {

    private final JdbcTemplate jdbc;

    WebhookRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Hook(long id, String url, @Nullable String project, List<AlertEvent> events, String secret,
                Instant createdAt, String createdBy) {
    }

    long insert(String url, @Nullable String project, String events, String secret, Instant now, String actor) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO webhook (url, project, events, secret, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?)""", new String[]{"id"});
            ps.setString(1, url);
            ps.setString(2, project);
            ps.setString(3, events);
            ps.setString(4, secret);
            ps.setObject(5, utc(now), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(6, actor);
            return ps;
        }, keys);
        return ((Number) keys.getKeyList().getFirst().values().iterator().next()).longValue();
    }

    private static final String HOOK = "SELECT id, url, project, events, secret, created_at, created_by FROM webhook";
    private static final org.springframework.jdbc.core.RowMapper<Hook> HOOK_ROW = (rs, row) -> new Hook(rs.getLong(1),
            rs.getString(2), rs.getString(3), events(rs.getString(4)), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7));

    List<Hook> all() {
        return jdbc.query(HOOK + " ORDER BY id", HOOK_ROW);
    }

    Optional<Hook> find(long id) {
        return jdbc.query(HOOK + " WHERE id = ?", HOOK_ROW, id).stream().findFirst();
    }

    int delete(long id) {
        return jdbc.update("DELETE FROM webhook WHERE id = ?", id);
    }

    static List<AlertEvent> events(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank())
                .map(s -> AlertEvent.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
    }

    /** Delivered, failed and pending deliveries of one webhook. */
    long[] counts(long webhookId) {
        long[] counts = new long[3];
        jdbc.query("SELECT state, COUNT(*) FROM webhook_delivery WHERE webhook_id = ? GROUP BY state", rs -> {
            int i = switch (rs.getString(1)) {
                case "DELIVERED" -> 0;
                case "FAILED" -> 1;
                default -> 2;
            };
            counts[i] = rs.getLong(2);
        }, webhookId);
        return counts;
    }

    void enqueue(long webhookId, long incidentId, String body, Instant now) {
        jdbc.update("""
                INSERT INTO webhook_delivery (webhook_id, incident_id, body, state, attempts, next_attempt_at, updated_at)
                VALUES (?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""",
                webhookId, incidentId, body, utc(now), utc(now));
    }

    /** Deliveries due now that no node holds a claim on. */
    List<Long> due(Instant now, int limit) {
        return jdbc.query("""
                SELECT id FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= ?
                AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id""" + " FETCH FIRST " + limit + " ROWS ONLY",
                (rs, row) -> rs.getLong(1), utc(now), utc(now));
    }

    /**
     * Claims a delivery until {@code until}: of several nodes (or threads) trying, exactly one updates the row. A
     * node that dies holding a claim lets it expire, and another node sends the delivery then.
     */
    boolean claim(long id, Instant now, Instant until) {
        return jdbc.update("""
                UPDATE webhook_delivery SET claimed_until = ? WHERE id = ? AND state = 'PENDING'
                AND (claimed_until IS NULL OR claimed_until < ?)""", utc(until), id, utc(now)) == 1;
    }

    record Outgoing(long id, String url, String secret, AlertEvent event, String body, int attempts) {
    }

    Optional<Outgoing> outgoing(long id) {
        return jdbc.query("""
                SELECT d.id, w.url, w.secret, i.event, d.body, d.attempts FROM webhook_delivery d
                JOIN webhook w ON w.id = d.webhook_id JOIN incident i ON i.id = d.incident_id WHERE d.id = ?""",
                (rs, row) -> new Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3),
                        AlertEvent.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getInt(6)),
                id).stream().findFirst();
    }

    void delivered(long id, int status, Instant now) {
        jdbc.update("""
                UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, last_status = ?,
                last_error = NULL, claimed_until = NULL, updated_at = ? WHERE id = ?""", status, utc(now), id);
    }

    /** A failed attempt: retried at {@code retryAt}, or given up when that is null. */
    void failed(long id, @Nullable Integer status, String error, @Nullable Instant retryAt, Instant now) {
        String shortError = error.length() > 500 ? error.substring(0, 499) + "…" : error;
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_status = ?, last_error = ?,
                    next_attempt_at = ?, claimed_until = NULL, updated_at = ? WHERE id = ?""");
            ps.setString(1, retryAt == null ? "FAILED" : "PENDING");
            ps.setObject(2, status, Types.INTEGER);
            ps.setString(3, shortError);
            ps.setObject(4, utc(retryAt == null ? now : retryAt), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(5, utc(now), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setLong(6, id);
            return ps;
        });
    }

    List<DeliveryAttempt> log(long webhookId, int limit) {
        return jdbc.query("""
                SELECT d.id, d.incident_id, i.event, i.message, d.state, d.attempts, d.last_status, d.last_error,
                d.updated_at FROM webhook_delivery d JOIN incident i ON i.id = d.incident_id WHERE d.webhook_id = ?
                ORDER BY d.id DESC""" + " FETCH FIRST " + limit + " ROWS ONLY", (rs, row) -> {
            int status = rs.getInt(7);
            Integer lastStatus = rs.wasNull() ? null : status;
            return new DeliveryAttempt(rs.getLong(1), rs.getLong(2),
                    AlertEvent.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4), rs.getString(5),
                    rs.getInt(6), lastStatus, rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant());
        }, webhookId);
    }
}
