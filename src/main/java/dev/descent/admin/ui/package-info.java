/** The admin view: one tab each for run histories, users, API tokens and the audit log. Admins only. */
@NullMarked
package dev.descent.admin.ui;

import org.jspecify.annotations.NullMarked;
