/** Overlaying many runs in one chart (the comparison issue fills this in). */
@NullMarked
package dev.descent.compare.ui;

import org.jspecify.annotations.NullMarked;
