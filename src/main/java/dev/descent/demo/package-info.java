/**
 * Demo data: three finished runs and one that keeps training, so a newcomer sees live curves at once.
 * Writes only through {@link dev.descent.run.RunService}, exactly like a training job would.
 */
@NullMarked
package dev.descent.demo;

import org.jspecify.annotations.NullMarked;
