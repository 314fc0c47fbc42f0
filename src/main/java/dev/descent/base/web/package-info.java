/**
 * The HTTP server's own defences, for every request whatever feature serves it: refused bodies close the
 * connection instead of being drained, security headers. See docs/decisions/DD006-threat-model.md.
 */
@NullMarked
package dev.descent.base.web;

import org.jspecify.annotations.NullMarked;
