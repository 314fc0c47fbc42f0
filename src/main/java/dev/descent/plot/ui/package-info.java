/**
 * What the chart views share on the Vaadin side: reading and writing a chart's state in the URL, so that a
 * link shows a colleague the same picture.
 */
@NullMarked
package dev.descent.plot.ui;

import org.jspecify.annotations.NullMarked;
