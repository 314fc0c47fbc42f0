package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Incidents and who has read them. Plain JDBC: {@code ON CONFLICT DO NOTHING} is what makes an incident fire once. */
@Repository
class IncidentRows {

    private static final String SELECT = """
            SELECT i.id, i.run_id, r.project, r.name, i.event, i.series, i.iteration, i.point_value, i.message,
            i.detected_at, i.resolved_at FROM incident i JOIN run r ON r.id = i.run_id""";

    private static final RowMapper<Incident> INCIDENT = (rs, row) -> {
        long iteration = rs.getLong(7);
        Long it = rs.wasNull() ? null : iteration;
        double value = rs.getDouble(8);
        Double v = rs.wasNull() ? null : value;
        OffsetDateTime resolved = rs.getObject(11, OffsetDateTime.class);
        return new Incident(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                AlertEvent.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getString(6), it, v,
                rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant(),
                resolved == null ? null : resolved.toInstant());
    };

    private final JdbcTemplate jdbc;

    IncidentRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an incident unless the same one (run, event, once key) is already recorded, by this transaction's
     * past, another node or before a restart. Never fails on the duplicate, so the writing transaction goes on.
     *
     * @return the new incident's id, empty when it was already recorded
     */
    Optional<Long> insert(long runId, AlertEvent event, String series, String onceKey, @Nullable Long iteration,
                          @Nullable Double value, String message, Instant detectedAt) {
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO incident (run_id, event, series, once_key, iteration, point_value, message, detected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", new String[]{"id"});
            ps.setLong(1, runId);
            ps.setString(2, event.id());
            ps.setString(3, series);
            ps.setString(4, onceKey);
            ps.setObject(5, iteration, Types.BIGINT);
            ps.setObject(6, value, Types.DOUBLE);
            ps.setString(7, message.length() > 1000 ? message.substring(0, 999) + "…" : message);
            ps.setObject(8, utc(detectedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            return ps;
        }, keys);
        if (inserted == 0 || keys.getKeyList().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(((Number) keys.getKeyList().getFirst().values().iterator().next()).longValue());
    }

    int resolve(long runId, AlertEvent event, String onceKey, Instant at) {
        return jdbc.update("""
                UPDATE incident SET resolved_at = ? WHERE run_id = ? AND event = ? AND once_key = ?
                AND resolved_at IS NULL""", utc(at), runId, event.id(), onceKey);
    }

    int resolveOpen(long runId, AlertEvent event, Instant at) {
        return jdbc.update("UPDATE incident SET resolved_at = ? WHERE run_id = ? AND event = ? AND resolved_at IS NULL",
                utc(at), runId, event.id());
    }

    /** Everything still open about the run ends: its history was cleared, the curve it described is gone. */
    int resolveAll(long runId, Instant at) {
        return jdbc.update("UPDATE incident SET resolved_at = ? WHERE run_id = ? AND resolved_at IS NULL", utc(at),
                runId);
    }

    /** The newest incidents of these kinds, newest first. */
    List<Incident> recent(Collection<AlertEvent> events, int limit) {
        if (events.isEmpty()) {
            return List.of();
        }
        return jdbc.query(SELECT + " WHERE i.event IN (" + placeholders(events.size()) + ") ORDER BY i.id DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY", INCIDENT,
                events.stream().map(AlertEvent::id).toArray());
    }

    List<Incident> forRun(long runId, int limit) {
        return jdbc.query(SELECT + " WHERE i.run_id = ? ORDER BY i.id DESC FETCH FIRST " + limit + " ROWS ONLY",
                INCIDENT, runId);
    }

    /** Divergences and plateaus still open, the ones a run's badge shows. */
    List<Incident> openCurveIncidents() {
        return jdbc.query(SELECT + " WHERE i.resolved_at IS NULL AND i.event IN ('diverged', 'plateau') ORDER BY i.id",
                INCIDENT);
    }

    long count(Collection<AlertEvent> events, long afterId) {
        if (events.isEmpty()) {
            return 0;
        }
        Object[] args = new Object[events.size() + 1];
        int i = 0;
        for (AlertEvent e : events) {
            args[i++] = e.id();
        }
        args[i] = afterId;
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE event IN (" + placeholders(events.size())
                + ") AND id > ?", Long.class, args);
        return n == null ? 0 : n;
    }

    long lastId() {
        Long id = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM incident", Long.class);
        return id == null ? 0 : id;
    }

    record Reader(String events, long seenUpTo) {
    }

    Optional<Reader> reader(String username) {
        return jdbc.query("SELECT events, seen_up_to FROM alert_reader WHERE username = ?",
                (rs, row) -> new Reader(rs.getString(1), rs.getLong(2)), username).stream().findFirst();
    }

    void saveReader(String username, String events, long seenUpTo) {
        if (jdbc.update("UPDATE alert_reader SET events = ?, seen_up_to = ? WHERE username = ?", events, seenUpTo,
                username) == 0) {
            jdbc.update("INSERT INTO alert_reader (username, events, seen_up_to) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    username, events, seenUpTo);
        }
    }

    static String placeholders(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "?").collect(Collectors.joining(", "));
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
