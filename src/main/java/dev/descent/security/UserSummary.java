package dev.descent.security;

import java.time.Instant;

public record UserSummary(long id, String username, Role role, boolean enabled, boolean locked, Instant createdAt) {
}
