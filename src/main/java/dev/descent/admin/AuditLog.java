package dev.descent.admin;

import dev.descent.run.RunDataDeleted;
import dev.descent.run.RunEdited;
import dev.descent.security.AccountChanged;
import dev.descent.security.SecurityIncident;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * The audit trail, written by one mechanism: the services publish what they changed (deletions, account and
 * token changes) and this records it inside the changing transaction (a synchronous listener), so the record
 * exists exactly when the change does, whoever called the service (view, API or script).
 */
@Service
public class AuditLog {

    private final AuditRepository events;
    private final Clock clock;

    AuditLog(AuditRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onDeleted(RunDataDeleted deleted) {
        String action = deleted.action() == RunDataDeleted.Action.RUN_DELETED ? "delete run" : "clear history";
        record(action, "run " + deleted.runId() + " '" + deleted.runName() + "' in project " + deleted.project(),
                deleted.points());
    }

    @EventListener
    void onEdited(RunEdited edited) {
        record("edit run", "run " + edited.runId() + " '" + edited.runName() + "' in project " + edited.project()
                + ": " + String.join(", ", edited.fields()), null);
    }

    @EventListener
    void onWebhookChanged(dev.descent.watchdog.WebhookChanged changed) {
        record(changed.action(), changed.target(), null);
    }

    @EventListener
    void onAccountChanged(AccountChanged changed) {
        record(changed.action(), changed.target(), null);
    }

    /** Lock-outs and back-offs, done by a client rather than by whoever is signed in. */
    @EventListener
    @Transactional
    void onSecurityIncident(SecurityIncident incident) {
        events.save(new AuditEventEntity(clock.instant(), abbreviate(incident.actor(), 120), incident.action(),
                abbreviate(incident.target(), 500), null));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Records an action done now by whoever is signed in (or the token used). */
    private void record(String action, String target, @Nullable Long points) {
        events.save(new AuditEventEntity(clock.instant(), currentActor(), action, target, points));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(int limit) {
        return events.findAllByOrderByHappenedAtDesc(PageRequest.of(0, limit)).stream()
                .map(AuditEventEntity::toEntry).toList();
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}
