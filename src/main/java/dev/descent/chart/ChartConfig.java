package dev.descent.chart;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Everything the browser needs to build the chart; sent on attach and again only when it changes.
 *
 * @param robustRange "ignore outliers": the y-range from the percentiles of the visible values, lines far above the
 *                    others (a diverged run) left out of it but still drawn
 * @param bands       areas shaded between two of the series (their edges)
 * @param syncKey     charts with the same key share the cursor (a grid of small charts over one x-axis); null for none
 */
public record ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series,
                          boolean robustRange, List<Band> bands, @Nullable String syncKey) {

    public ChartConfig {
        series = List.copyOf(series);
        bands = List.copyOf(bands);
    }

    public ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series,
                       boolean robustRange) {
        this(xLabel, yLabel, xAxis, yScale, series, robustRange, List.of(), null);
    }

    /** The y-range fits every visible value. */
    public ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series) {
        this(xLabel, yLabel, xAxis, yScale, series, false);
    }
}
