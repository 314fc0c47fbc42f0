/** The application shell (side navigation) and small widgets every view uses. */
@NullMarked
package dev.descent.base.ui;

import org.jspecify.annotations.NullMarked;
