/** Signing in: the login view, the one-time first-admin set-up page, and the UI's security filter chain. */
@NullMarked
package dev.descent.security.ui;

import org.jspecify.annotations.NullMarked;
