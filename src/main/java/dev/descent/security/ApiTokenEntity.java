package dev.descent.security;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "api_token")
class ApiTokenEntity {

    /** Recording every use would turn each ingest request into a write; a minute's precision is plenty. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    private @Nullable Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private TokenScope scope;

    private String tokenHash;
    private Instant createdAt;
    private @Nullable Instant lastUsedAt;
    private @Nullable Instant revokedAt;

    @SuppressWarnings("NullAway.Init")
    protected ApiTokenEntity() {
    }

    ApiTokenEntity(String name, TokenScope scope, String tokenHash, Instant now) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("token name must not be blank");
        }
        this.name = name;
        this.scope = scope;
        this.tokenHash = tokenHash;
        this.createdAt = now;
    }

    long id() {
        return Objects.requireNonNull(id);
    }

    String name() {
        return name;
    }

    TokenScope scope() {
        return scope;
    }

    String tokenHash() {
        return tokenHash;
    }

    TokenSummary summary() {
        return new TokenSummary(id(), name, scope, createdAt, lastUsedAt, revokedAt);
    }

    boolean revoked() {
        return revokedAt != null;
    }

    /** @return true if the stored time changed */
    boolean markUsed(Instant now) {
        if (lastUsedAt == null || Duration.between(lastUsedAt, now).compareTo(LAST_USED_PRECISION) >= 0) {
            lastUsedAt = now;
            return true;
        }
        return false;
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiTokenEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return ApiTokenEntity.class.hashCode();
    }
}
