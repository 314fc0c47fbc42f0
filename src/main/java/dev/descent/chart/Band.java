package dev.descent.chart;

/**
 * A shaded area between two lines of the chart, e.g. a group's mean ± std: the lines {@code upperId} and
 * {@code lowerId} are its edges (drawn without a stroke and left out of the legend), filled with {@code color}
 * made translucent.
 */
public record Band(String upperId, String lowerId, String color) {
}
