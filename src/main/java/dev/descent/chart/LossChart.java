package dev.descent.chart;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart of training curves drawn by uPlot in the browser.
 * <p>
 * The configuration travels once (on attach, or when it really changes); after that only appended
 * points travel. The component keeps what is on screen (already downsampled by the caller) so that a
 * re-attached chart can be redrawn without asking its owner again.
 */
@Tag("loss-chart")
@NpmPackage(value = "uplot", version = "1.6.32")
@JsModule("./loss-chart.js")
public class LossChart extends Component implements HasSize {

    private String xLabel = "iteration";
    private String yLabel = "loss";
    private YScale yScale = YScale.LINEAR;
    private XAxis xAxis = XAxis.NUMBER;
    private boolean robustRange;
    private List<Band> bands = List.of();
    private @Nullable String syncKey;
    private final Map<String, SeriesStyle> styles = new LinkedHashMap<>();
    private final Map<String, List<SeriesPoints>> shown = new LinkedHashMap<>();

    public LossChart() {
        setWidthFull();
        setHeight("420px");
    }

    public void addSeries(SeriesStyle style) {
        styles.put(style.id(), style);
        shown.putIfAbsent(style.id(), new ArrayList<>());
        sendConfig();
    }

    public void removeSeries(String seriesId) {
        if (styles.remove(seriesId) != null) {
            shown.remove(seriesId);
            sendConfig();
        }
    }

    public void setYScale(YScale scale) {
        if (scale != yScale) {
            yScale = scale;
            sendConfig();
        }
    }

    /** "Ignore outliers": the y-range from the percentiles of the visible values (see {@link ChartConfig}). */
    public void setRobustRange(boolean robust) {
        if (robust != robustRange) {
            robustRange = robust;
            sendConfig();
        }
    }

    public YScale getYScale() {
        return yScale;
    }

    /**
     * Replaces the whole configuration (labels, axes, scale, series) and empties every series: one
     * configuration message, then the caller sets the points of each series.
     */
    public void setConfig(ChartConfig config) {
        xLabel = config.xLabel();
        yLabel = config.yLabel();
        xAxis = config.xAxis();
        yScale = config.yScale();
        robustRange = config.robustRange();
        bands = config.bands();
        syncKey = config.syncKey();
        styles.clear();
        shown.clear();
        config.series().forEach(style -> {
            styles.put(style.id(), style);
            shown.put(style.id(), new ArrayList<>());
        });
        sendConfig();
        if (isAttached()) {
            getElement().callJsFunction("clearPoints");
        }
    }

    public List<String> seriesIds() {
        return List.copyOf(styles.keySet());
    }

    /** Replaces the points of a series (e.g. after a zoom re-read the range at full resolution). */
    public void setPoints(SeriesPoints points) {
        List<SeriesPoints> chunks = requireSeries(points.seriesId());
        chunks.clear();
        chunks.add(points);
        if (isAttached()) {
            getElement().callJsFunction("setPoints", points);
        }
    }

    /** Adds points after those already shown; only these new points travel to the browser. */
    public void appendPoints(SeriesPoints points) {
        if (points.size() == 0) {
            return;
        }
        requireSeries(points.seriesId()).add(points);
        if (isAttached()) {
            getElement().callJsFunction("appendPoints", points);
        }
    }

    /** Removes every point of every series, keeping the configuration. */
    public void clearPoints() {
        shown.values().forEach(List::clear);
        if (isAttached()) {
            getElement().callJsFunction("clearPoints");
        }
    }

    /** Lets the browser download the chart as it is drawn now, as a PNG file with a title above and a legend below. */
    public void downloadPng(String fileName, String title) {
        getElement().callJsFunction("downloadPng", fileName, title);
    }

    public void resetZoom() {
        getElement().callJsFunction("resetZoom");
    }

    /** The points of a series as the browser has them, in the chunks they were sent in. */
    public List<SeriesPoints> shownPoints(String seriesId) {
        return List.copyOf(requireSeries(seriesId));
    }

    public int pointCount(String seriesId) {
        return requireSeries(seriesId).stream().mapToInt(SeriesPoints::size).sum();
    }

    public ChartConfig config() {
        return new ChartConfig(xLabel, yLabel, xAxis, yScale, List.copyOf(styles.values()), robustRange, bands, syncKey);
    }

    public Registration addZoomListener(ComponentEventListener<ZoomEvent> listener) {
        return addListener(ZoomEvent.class, listener);
    }

    public Registration addChartClickListener(ComponentEventListener<ChartClickEvent> listener) {
        return addListener(ChartClickEvent.class, listener);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // The browser side starts empty after every attach (first open, reload, navigation back).
        getElement().callJsFunction("configure", config());
        shown.values().forEach(chunks -> chunks.forEach(
                chunk -> getElement().callJsFunction("appendPoints", chunk)));
    }

    private void sendConfig() {
        if (isAttached()) {
            getElement().callJsFunction("configure", config());
        }
    }

    private List<SeriesPoints> requireSeries(String seriesId) {
        List<SeriesPoints> chunks = shown.get(seriesId);
        if (chunks == null) {
            throw new IllegalArgumentException("unknown series " + seriesId + "; add it with addSeries first");
        }
        return chunks;
    }
}
