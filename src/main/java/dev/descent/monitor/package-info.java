/**
 * Turning stored series into what a chart shows (smoothing, downsampling, x-axis choice); shared by the
 * training monitor and the comparison view.
 */
@NullMarked
package dev.descent.monitor;

import org.jspecify.annotations.NullMarked;
