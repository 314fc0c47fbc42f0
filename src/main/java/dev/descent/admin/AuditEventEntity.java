package dev.descent.admin;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

@Entity
@Table(name = "audit_event")
class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    private @Nullable Long id;

    private Instant happenedAt;
    private String actor;
    private String action;
    private String target;
    private @Nullable Long points;

    @SuppressWarnings("NullAway.Init")
    protected AuditEventEntity() {
    }

    AuditEventEntity(Instant happenedAt, String actor, String action, String target, @Nullable Long points) {
        this.happenedAt = happenedAt;
        this.actor = actor;
        this.action = action;
        this.target = target.length() > 500 ? target.substring(0, 500) : target;
        this.points = points;
    }

    AuditEntry toEntry() {
        return new AuditEntry(happenedAt, actor, action, target, points);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEventEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return AuditEventEntity.class.hashCode();
    }
}
