package dev.descent.monitor.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.ChartConfig;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.chart.XAxis;
import dev.descent.chart.ZoomEvent;
import dev.descent.metrics.Ema;
import dev.descent.monitor.SeriesRenderer;
import dev.descent.monitor.XMode;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.LossMetricsAccumulator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.run.NewPoint;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One run's graph, metric cards and controls, kept live. It holds only what is on screen: each series is
 * read (from the server's series cache), smoothed and downsampled to the plot width, and afterwards only
 * new points are appended, with the EMA and the metrics continued incrementally. A point that arrives late
 * or replaces an earlier one, a cleared history or too many appended points trigger a fresh read.
 */
class LossGraphContainer extends VerticalLayout {

    static final int DEFAULT_BUCKETS = 1200;
    static final String EMA_SUFFIX = " (EMA)";
    static final String EPOCH_READOUT = "epoch";
    private static final String[] PALETTE = {"#1676f3", "#ea580c", "#9333ea", "#0891b2", "#db2777", "#65a30d",
            "#ca8a04", "#4f46e5"};
    private static final String LOSS_EMA_COLOR = "#16a34a";

    final LossChart chart = new LossChart();
    final LossMetricsDisplay cards = new LossMetricsDisplay();
    final LossGraphControls controls;

    private final RunService runs;
    private final RunEvents events;
    private final long runId;
    private final Consumer<MonitorState> stateListener;
    private final ConcurrentLinkedQueue<NewPoint> arrived = new ConcurrentLinkedQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<String, Live> live = new HashMap<>();
    private LossMetricsAccumulator metrics = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
    private MonitorState state;
    private int buckets = DEFAULT_BUCKETS;
    private long firstTimestamp = Long.MIN_VALUE;
    private long @Nullable [] zoom;

    /** What continues a series on screen: its EMA state, last iteration and how many points it shows. */
    private static final class Live {
        Ema ema;
        long lastIteration = -1;
        int shown;

        Live(Ema ema) {
            this.ema = ema;
        }
    }

    LossGraphContainer(RunService runs, RunEvents events, long runId, MonitorState initial,
                       Consumer<MonitorState> stateListener) {
        this.runs = runs;
        this.events = events;
        this.runId = runId;
        this.state = initial;
        this.stateListener = stateListener;
        this.controls = new LossGraphControls(initial, this::apply);
        setPadding(false);
        setWidthFull();
        chart.setHeight("460px");
        chart.addZoomListener(this::onZoom);
        controls.clearHistory.addClickListener(e -> confirmClearHistory());
        add(cards, chart, controls);
        controls.setAvailableSeries(runs.seriesNames(runId));
    }

    MonitorState state() {
        return state;
    }

    /** A new state from the controls (or the URL): redraw what changed and remember it in the URL. */
    void apply(MonitorState newState) {
        MonitorState old = state;
        state = newState;
        controls.show(newState);
        if (old.withScale(newState.scale()).equals(newState)) {
            // Only the scale changed: the browser redraws the points it has.
            chart.setYScale(newState.scale());
        } else {
            reload();
        }
        stateListener.accept(newState);
    }

    /** Reads every shown series again (after a state change, a zoom, a late point or a cleared history). */
    void reload() {
        live.clear();
        List<SeriesStyle> styles = new ArrayList<>();
        List<SeriesPoints> points = new ArrayList<>();
        Map<String, SeriesData> data = new LinkedHashMap<>();
        for (String name : state.series()) {
            data.put(name, runs.readSeries(runId, name));
        }
        SeriesData primary = data.get(state.primarySeries());
        firstTimestamp = primary != null && primary.size() > 0 ? primary.timestamps()[0] : Long.MIN_VALUE;
        if (firstTimestamp == Long.MIN_VALUE) {
            data.values().stream().filter(d -> d.size() > 0).findFirst().ifPresent(d -> firstTimestamp = d.timestamps()[0]);
        }
        long from = zoom == null ? 0 : zoom[0];
        long to = zoom == null ? Long.MAX_VALUE : zoom[1];
        int index = 0;
        for (Map.Entry<String, SeriesData> entry : data.entrySet()) {
            String name = entry.getKey();
            SeriesData series = entry.getValue();
            String color = color(name, index++);
            var rendered = SeriesRenderer.render(name, name + EMA_SUFFIX, EPOCH_READOUT, series, from, to, buckets,
                    state.smoothing(), state.xMode(), firstTimestamp == Long.MIN_VALUE ? 0 : firstTimestamp);
            Live l = new Live(rendered.ema());
            l.lastIteration = series.size() == 0 ? -1 : series.iterations()[series.size() - 1];
            l.shown = rendered.raw().size();
            live.put(name, l);
            boolean right = onRightAxis(name);
            SeriesStyle line = SeriesStyle.line(name, name, color);
            styles.add(right ? line.onRightAxis() : line);
            points.add(rendered.raw());
            if (state.showEma()) {
                SeriesStyle ema = SeriesStyle.dashed(name + EMA_SUFFIX, name + " EMA",
                        name.equals(RunService.LOSS) ? LOSS_EMA_COLOR : color);
                styles.add(right ? ema.onRightAxis() : ema);
                points.add(rendered.smoothed());
            }
            if (name.equals(state.primarySeries()) && state.xMode() != XMode.EPOCH) {
                styles.add(SeriesStyle.readout(EPOCH_READOUT, "epoch"));
                points.add(rendered.epochs());
            }
        }
        chart.setConfig(new ChartConfig(state.xMode().label.toLowerCase(java.util.Locale.ROOT), state.primarySeries(),
                state.xMode() == XMode.WALL ? XAxis.TIME : XAxis.NUMBER, state.scale(), styles));
        points.forEach(chart::setPoints);

        metrics = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
        if (primary != null) {
            metrics.rebuild(primary.iterations(), primary.epochs(), primary.values());
        }
        showMetrics();
    }

    /** The run is gone: empty the chart and the cards, and offer nothing that would touch it. */
    void showDeleted() {
        chart.clearPoints();
        metrics = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
        showMetrics();
        controls.clearHistory.setVisible(false);
    }

    private void showMetrics() {
        LossMetrics m = metrics.metrics(state.targetLoss(), state.estimator());
        cards.show(m, state.targetLoss());
    }

    /** Appends points committed since the last update; falls back to a fresh read when it cannot. */
    void append(List<NewPoint> batch) {
        Map<String, List<NewPoint>> bySeries = new LinkedHashMap<>();
        for (NewPoint p : batch) {
            if (state.series().contains(p.series())) {
                bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p);
            }
        }
        if (bySeries.isEmpty()) {
            return;
        }
        boolean newSeries = false;
        for (Map.Entry<String, List<NewPoint>> entry : bySeries.entrySet()) {
            entry.getValue().sort(Comparator.comparingLong(NewPoint::iteration));
            Live l = live.get(entry.getKey());
            if (l == null || entry.getValue().getFirst().iteration() <= l.lastIteration) {
                reload();
                return;
            }
            newSeries |= l.lastIteration < 0;
            if (l.shown > 4 * buckets * 3) {
                reload();
                return;
            }
        }
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = batch.stream().mapToLong(NewPoint::timestamp).min().orElse(0);
        }
        List<NewPoint> primary = bySeries.getOrDefault(state.primarySeries(), List.of());
        for (NewPoint p : primary) {
            metrics.append(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(), p.value());
        }
        for (Map.Entry<String, List<NewPoint>> entry : bySeries.entrySet()) {
            appendSeries(entry.getKey(), entry.getValue());
        }
        if (newSeries) {
            controls.setAvailableSeries(runs.seriesNames(runId));
        }
        showMetrics();
    }

    private void appendSeries(String name, List<NewPoint> points) {
        Live l = live.get(name);
        int n = points.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        double[] e = new double[n];
        int k = 0;
        for (NewPoint p : points) {
            double smoothed = l.ema.next(p.value());
            l.lastIteration = p.iteration();
            double epoch = p.epoch() == null ? Double.NaN : p.epoch();
            double xi = state.xMode().x(p.iteration(), epoch, p.timestamp(), firstTimestamp);
            if (Double.isNaN(xi)) {
                continue;
            }
            x[k] = xi;
            y[k] = p.value();
            s[k] = smoothed;
            e[k] = epoch;
            k++;
        }
        x = java.util.Arrays.copyOf(x, k);
        l.shown += k;
        chart.appendPoints(SeriesPoints.of(name, x, java.util.Arrays.copyOf(y, k)));
        if (state.showEma()) {
            chart.appendPoints(SeriesPoints.of(name + EMA_SUFFIX, x, java.util.Arrays.copyOf(s, k)));
        }
        if (name.equals(state.primarySeries()) && state.xMode() != XMode.EPOCH) {
            chart.appendPoints(SeriesPoints.of(EPOCH_READOUT, x, java.util.Arrays.copyOf(e, k)));
        }
    }

    private void onZoom(ZoomEvent event) {
        buckets = Math.clamp(event.plotWidth(), 100, 4000);
        if (event.isReset()) {
            zoom = null;
        } else {
            zoom = iterationRange(event.fromX(), event.toX());
        }
        reload();
    }

    /** The iterations whose x (on the current axis) falls in the selected range. */
    private long[] iterationRange(double fromX, double toX) {
        if (state.xMode() == XMode.ITERATION) {
            return new long[]{(long) Math.floor(fromX), (long) Math.ceil(toX)};
        }
        SeriesData primary = runs.readSeries(runId, state.primarySeries());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < primary.size(); i++) {
            double xi = state.xMode().x(primary.iterations()[i], primary.epochs()[i], primary.timestamps()[i],
                    firstTimestamp);
            if (xi >= fromX && xi <= toX) {
                first = Math.min(first, primary.iterations()[i]);
                last = Math.max(last, primary.iterations()[i]);
            }
        }
        return first > last ? new long[]{0, Long.MAX_VALUE} : new long[]{first, last};
    }

    void confirmClearHistory() {
        RunSummary run = runs.get(runId);
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Clear history?");
        dialog.setText("This deletes " + Formats.count(run.pointCount()) + " points of run " + run.name()
                + ". The run itself stays. This cannot be undone.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete " + Formats.count(run.pointCount()) + " points");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> runs.clearHistory(runId));
        dialog.open();
    }

    /**
     * Series that are not losses (learning rate, accuracy, ...) live on their own right-hand axis: on the
     * loss axis a learning rate of 3e-4 would be a flat line at zero.
     */
    static boolean onRightAxis(String series) {
        String s = series.toLowerCase(java.util.Locale.ROOT);
        return !(s.contains("loss") || s.contains("perplexity") || s.contains("error"));
    }

    private static String color(String series, int index) {
        return switch (series) {
            case RunService.LOSS -> "var(--lumo-primary-color)";
            case "val_loss" -> "#ea580c";
            default -> PALETTE[(index + 2) % PALETTE.length];
        };
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var ui = attachEvent.getUI();
        var points = new UiThrottle<>(ui, UiThrottle.DEFAULT_INTERVAL, this::drain, this::append);
        var changes = new UiThrottle<>(ui, UiThrottle.DEFAULT_INTERVAL, () -> runs.find(runId).isPresent(), exists -> {
            arrived.clear();
            if (exists) {
                reload();
            } else {
                showDeleted();
            }
        });
        subscriptions.add(events.onPointsAppended(runId, appended -> {
            arrived.addAll(appended.points());
            points.request();
        }));
        subscriptions.add(events.onRunChanged(change -> {
            if (change.runId() == runId && (change.kind() == dev.descent.run.RunChanged.Kind.HISTORY_CLEARED
                    || change.kind() == dev.descent.run.RunChanged.Kind.DELETED)) {
                changes.request();
            }
        }));
        // Read after subscribing, so that no point committed in between is missed.
        reload();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
    }

    private List<NewPoint> drain() {
        List<NewPoint> batch = new ArrayList<>();
        for (NewPoint p; (p = arrived.poll()) != null; ) {
            batch.add(p);
        }
        return batch;
    }
}
