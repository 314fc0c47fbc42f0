package dev.descent.security;

/**
 * Published inside the transaction that disables a user, changes their role or resets their password: the
 * sessions they have open, on every node, must end (cluster), so a disabled user is out at once and a changed role
 * takes effect. A remembered sign-in survives only a role change (it signs them in again with the new role).
 */
public record UserChanged(long userId, String username) {
}
