package dev.descent.chart;

import java.util.List;

/** Everything the browser needs to build the chart; sent once on attach and again only when it changes. */
public record ChartConfig(String xLabel, String yLabel, YScale yScale, List<SeriesStyle> series) {
}
