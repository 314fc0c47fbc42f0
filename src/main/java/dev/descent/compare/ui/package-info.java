/**
 * Overlaying many runs in one chart, live: the run picker, the controls, the chart presenter, the table of
 * metrics and differing hyperparameters, and the CSV export, composed by the comparison view.
 */
@NullMarked
package dev.descent.compare.ui;

import org.jspecify.annotations.NullMarked;
