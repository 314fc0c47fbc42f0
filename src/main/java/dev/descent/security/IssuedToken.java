package dev.descent.security;

/** A new token: the only moment its secret exists outside the caller's hands. */
public record IssuedToken(long id, String name, TokenScope scope, String secret) {
}
