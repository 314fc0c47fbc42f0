/**
 * The audit log: every deletion, account and token change and security incident, recorded from the events the
 * services publish inside their transactions. Its view is in {@code admin.ui}.
 */
@NullMarked
package dev.descent.admin;

import org.jspecify.annotations.NullMarked;
