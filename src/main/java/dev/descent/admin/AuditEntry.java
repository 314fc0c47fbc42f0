package dev.descent.admin;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** Who did what, when, to which data, and how many points it touched. */
public record AuditEntry(Instant happenedAt, String actor, String action, String target, @Nullable Long points) {
}
