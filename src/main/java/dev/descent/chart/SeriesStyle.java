package dev.descent.chart;

/**
 * How one line looks.
 *
 * @param color  any CSS colour
 * @param dashed drawn dashed (the smoothed line) rather than solid
 */
public record SeriesStyle(String id, String label, String color, boolean dashed) {
}
