package dev.descent.security;

/**
 * Published when this node may have missed user changes made on another node (its listener connection was lost
 * and is back): whoever has pages open here is checked against the database again.
 */
public record AccountsMayHaveChanged() {
}
