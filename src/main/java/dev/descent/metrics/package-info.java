/**
 * The numbers Descent shows, in plain Java: loss metrics (full and incremental), convergence estimates,
 * debiased EMA smoothing and spike-preserving M4 downsampling. No framework; formulas in docs/metrics.md.
 */
@NullMarked
package dev.descent.metrics;

import org.jspecify.annotations.NullMarked;
