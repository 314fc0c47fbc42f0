package dev.descent.security;

/** Published inside the transaction that revokes a token; other nodes must forget it too (cluster). */
public record TokenRevoked(long tokenId) {
}
