/**
 * Who may write: API tokens (random, stored only as hashes, with a scope) checked on every write to the
 * REST API, and the first token created at start-up for local training scripts.
 */
@NullMarked
package dev.descent.security;

import org.jspecify.annotations.NullMarked;
