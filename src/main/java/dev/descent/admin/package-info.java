/** Administration: the audit log of deletions. Its view is in {@code admin.ui}. */
@NullMarked
package dev.descent.admin;

import org.jspecify.annotations.NullMarked;
