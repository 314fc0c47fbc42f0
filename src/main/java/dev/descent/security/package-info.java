/**
 * Who may do what: users with roles and lock-out, API tokens (random, stored only as hashes, with a scope)
 * checked on every API request, the first token and admin created at start-up, and the back-off of clients
 * that guess.
 */
@NullMarked
package dev.descent.security;

import org.jspecify.annotations.NullMarked;
