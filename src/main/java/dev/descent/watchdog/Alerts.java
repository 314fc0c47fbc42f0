package dev.descent.watchdog;

import dev.descent.run.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** What the app shows of the watchdog: recent incidents, each user's alert list, and live notice of new ones. */
@Service
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    /** What a user lists until they choose: everything that needs a look, not every finished run. */
    public static final Set<AlertEvent> DEFAULT_EVENTS = java.util.Collections.unmodifiableSet(
            EnumSet.of(AlertEvent.DIVERGED, AlertEvent.PLATEAU, AlertEvent.STALLED, AlertEvent.FAILED));

    private final IncidentRows incidents;
    private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

    Alerts(IncidentRows incidents) {
        this.incidents = incidents;
    }

    /**
     * Calls {@code listener} after each new incident commits, on the committing thread: it must hand UI work to its
     * UI (the monitor shows a notification; the runs list its badge).
     */
    public Subscription onIncident(Consumer<Incident> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Live subscriptions; lets tests prove that closed views unsubscribe. */
    public int listenerCount() {
        return listeners.size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void committed(IncidentDetected detected) {
        for (Consumer<Incident> l : listeners) {
            try {
                l.accept(detected.incident());
            } catch (RuntimeException e) {
                log.warn("An alert listener failed", e);
            }
        }
    }

    /** The newest incidents of any kind, newest first. */
    @Transactional(readOnly = true)
    public List<Incident> recent(int limit) {
        return incidents.recent(EnumSet.allOf(AlertEvent.class), limit);
    }

    @Transactional(readOnly = true)
    public List<Incident> forRun(long runId, int limit) {
        return incidents.forRun(runId, limit);
    }

    /** Open divergences and plateaus by run: what the runs list and the monitor show as badges. */
    @Transactional(readOnly = true)
    public Map<Long, List<Incident>> openByRun() {
        return incidents.openCurveIncidents().stream().collect(Collectors.groupingBy(Incident::runId,
                LinkedHashMap::new, Collectors.toList()));
    }

    /** The events a user lists ({@link #DEFAULT_EVENTS} until they choose). */
    @Transactional(readOnly = true)
    public Set<AlertEvent> eventsOf(String username) {
        return incidents.reader(username).map(r -> toSet(r.events())).orElse(EnumSet.copyOf(DEFAULT_EVENTS));
    }

    /** A user's alerts: the newest incidents of the events they list, and which they have not read yet. */
    @Transactional(readOnly = true)
    public Inbox inbox(String username, int limit) {
        Set<AlertEvent> events = eventsOf(username);
        long seen = incidents.reader(username).map(IncidentRows.Reader::seenUpTo).orElse(0L);
        return new Inbox(incidents.recent(events, limit), seen, incidents.count(events, seen));
    }

    /**
     * @param seenUpTo incidents with a higher id are unread
     * @param unread   how many of the listed events are unread (also beyond {@code limit})
     */
    public record Inbox(List<Incident> incidents, long seenUpTo, long unread) {

        public boolean unread(Incident incident) {
            return incident.id() > seenUpTo;
        }
    }

    @Transactional
    public void chooseEvents(String username, Set<AlertEvent> events) {
        long seen = incidents.reader(username).map(IncidentRows.Reader::seenUpTo).orElse(0L);
        incidents.saveReader(username, csv(events), seen);
    }

    /** Everything up to now counts as read. */
    @Transactional
    public void markAllRead(String username) {
        incidents.saveReader(username, csv(eventsOf(username)), incidents.lastId());
    }

    private static String csv(Set<AlertEvent> events) {
        return events.stream().map(AlertEvent::name).collect(Collectors.joining(","));
    }

    private static Set<AlertEvent> toSet(String csv) {
        List<AlertEvent> list = WebhookRows.events(csv);
        return list.isEmpty() ? EnumSet.noneOf(AlertEvent.class) : EnumSet.copyOf(list);
    }
}
