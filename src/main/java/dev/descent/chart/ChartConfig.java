package dev.descent.chart;

import java.util.List;

/**
 * Everything the browser needs to build the chart; sent on attach and again only when it changes.
 *
 * @param robustRange "ignore outliers": the y-range from the percentiles of the visible values, lines far above the
 *                    others (a diverged run) left out of it but still drawn
 */
public record ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series,
                          boolean robustRange) {

    /** The y-range fits every visible value. */
    public ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series) {
        this(xLabel, yLabel, xAxis, yScale, series, false);
    }
}
