/** The page of one run: its live chart of every chosen series, the metric cards and the controls. */
@NullMarked
package dev.descent.monitor.ui;

import org.jspecify.annotations.NullMarked;
