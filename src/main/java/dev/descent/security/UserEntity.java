package dev.descent.security;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "app_user")
class UserEntity {

    static final int LOCK_AFTER_FAILURES = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(5);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private @Nullable Long id;

    private String username;
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private boolean enabled;
    private Instant createdAt;
    private int failedLogins;
    private @Nullable Instant lockedUntil;

    @Version
    private long version;

    @SuppressWarnings("NullAway.Init")
    protected UserEntity() {
    }

    UserEntity(String username, String passwordHash, Role role, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = now;
    }

    long id() {
        return Objects.requireNonNull(id);
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    Role role() {
        return role;
    }

    boolean enabled() {
        return enabled;
    }

    Instant createdAt() {
        return createdAt;
    }

    int failedLogins() {
        return failedLogins;
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    void changeRole(Role newRole) {
        this.role = newRole;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.failedLogins = 0;
        this.lockedUntil = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return UserEntity.class.hashCode();
    }
}
