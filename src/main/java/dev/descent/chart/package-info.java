/**
 * {@link dev.descent.chart.LossChart}: a Flow component over the uPlot chart library, written like a
 * Vaadin add-on. It knows series, points and zoom, nothing about runs, Spring or the database.
 */
@NullMarked
package dev.descent.chart;

import org.jspecify.annotations.NullMarked;
