package dev.descent.chart;

import java.util.List;

/** Everything the browser needs to build the chart; sent on attach and again only when it changes. */
public record ChartConfig(String xLabel, String yLabel, XAxis xAxis, YScale yScale, List<SeriesStyle> series) {
}
