package dev.descent.security;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A token as listed to admins: never its secret. */
public record TokenSummary(long id, String name, TokenScope scope, Instant createdAt, @Nullable Instant lastUsedAt,
                           @Nullable Instant revokedAt) {
}
