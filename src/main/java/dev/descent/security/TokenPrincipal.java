package dev.descent.security;

/** The token a request authenticated with. */
public record TokenPrincipal(long tokenId, String name, TokenScope scope) {
}
