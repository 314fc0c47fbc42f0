package dev.descent.security;

/**
 * Something the audit log should show that no signed-in admin did: an account locked by wrong passwords, a
 * client backed off after failed sign-ins or unknown API tokens. Published once when it starts, not per attempt.
 *
 * @param actor who caused it: the client's address
 */
public record SecurityIncident(String actor, String action, String target) {
}
