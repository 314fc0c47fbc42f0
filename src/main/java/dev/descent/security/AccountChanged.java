package dev.descent.security;

/**
 * An admin changed a user or a token (created, role, enabled, password, revoked). Published inside the changing
 * transaction, so the audit record exists exactly when the change does, whoever called the service.
 */
public record AccountChanged(String action, String target) {
}
