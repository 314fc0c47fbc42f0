/**
 * The plotting core shared by every view of a curve and by the points API: one pipeline from a stored
 * series to what is drawn (EMA over every point, then the range, then M4 down to the plot width), one live
 * series that continues it point by point and stays bounded, one smoothing type, one palette and one CSV
 * writer. Pure Java: no Spring, no Vaadin, so the API and the views draw the same numbers.
 */
@NullMarked
package dev.descent.plot;

import org.jspecify.annotations.NullMarked;
