package dev.descent.monitor.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.descent.base.LiveScheduler;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.ChartConfig;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.chart.XAxis;
import dev.descent.chart.ZoomEvent;
import dev.descent.plot.IterationRange;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.LossMetricsAccumulator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.plot.LiveSeries;
import dev.descent.plot.Palette;
import dev.descent.plot.PlotLine;
import dev.descent.plot.TimeOrigin;
import dev.descent.plot.XMode;
import dev.descent.run.NewPoint;
import dev.descent.run.RunChanged;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One run's graph, metric cards and controls, kept live. It holds only what is on screen: each series is
 * read (from the server's series cache) and drawn through the plotting core ({@link LiveSeries}), and
 * afterwards only new points are appended, with the EMA and the metrics continued incrementally. A point that
 * arrives late or replaces an earlier one, a cleared history or too many appended points trigger a fresh read;
 * a new smoothing only recomputes the smoothed lines.
 */
class LossGraphContainer extends VerticalLayout {

    static final int DEFAULT_BUCKETS = 1200;
    static final String EMA_SUFFIX = " (EMA)";
    static final String EPOCH_READOUT = "epoch";

    final LossChart chart = new LossChart();
    final LossMetricsDisplay cards = new LossMetricsDisplay();
    final LossGraphControls controls;

    private final RunService runs;
    private final RunEvents events;
    private final LiveScheduler scheduler;
    private final long runId;
    private final Consumer<MonitorState> stateListener;
    private final ConcurrentLinkedQueue<NewPoint> arrived = new ConcurrentLinkedQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<String, LiveSeries> live = new HashMap<>();
    private LossMetricsAccumulator metrics = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
    private MonitorState state;
    private int buckets = DEFAULT_BUCKETS;
    private TimeOrigin origin = new TimeOrigin();

    LossGraphContainer(RunService runs, RunEvents events, LiveScheduler scheduler, long runId, MonitorState initial,
                       Consumer<MonitorState> stateListener) {
        this.runs = runs;
        this.events = events;
        this.scheduler = scheduler;
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
        if (old.withDashboard(newState.dashboard()).withHidden(newState.hidden()).equals(newState)) {
            // Only the dashboard changed (the view shows it): nothing to redraw here.
            stateListener.accept(newState);
            return;
        }
        controls.show(newState);
        if (old.withScale(newState.scale()).equals(newState)) {
            // Only the scale changed: the browser redraws the points it has.
            chart.setYScale(newState.scale());
        } else if (old.withSmoothing(newState.smoothing()).equals(newState)) {
            resmooth();
        } else if (old.withTarget(newState.targetLoss()).withEstimator(newState.estimator()).equals(newState)) {
            showMetrics();
        } else {
            reload();
        }
        stateListener.accept(newState);
    }

    /** Only the smoothed lines change: computed from the full-resolution values held, sent as data. */
    private void resmooth() {
        for (String name : state.series()) {
            LiveSeries series = live.get(name);
            if (series == null) {
                continue;
            }
            PlotLine line = series.resmooth(state.smoothing());
            if (state.emaFor(name)) {
                chart.setPoints(SeriesPoints.of(name + EMA_SUFFIX, line.x(), line.smoothed()));
            }
        }
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
        origin = new TimeOrigin();
        // Relative time starts at the primary series' first point, else at the first point of any shown.
        if (primary != null && primary.size() > 0) {
            origin.firstOr(primary.timestamps()[0]);
        }
        data.values().stream().filter(d -> d.size() > 0).findFirst().ifPresent(d -> origin.firstOr(d.timestamps()[0]));
        IterationRange zoom = state.zoom();
        long from = zoom == null ? 0 : zoom.from();
        long to = zoom == null ? Long.MAX_VALUE : zoom.to();
        int index = 0;
        for (Map.Entry<String, SeriesData> entry : data.entrySet()) {
            String name = entry.getKey();
            String color = Palette.color(index++);
            LiveSeries series = LiveSeries.draw(entry.getValue(), from, to, buckets, state.smoothing(), state.xMode(),
                    origin);
            live.put(name, series);
            PlotLine line = series.line();
            boolean right = onRightAxis(name);
            SeriesStyle raw = SeriesStyle.line(name, name, color);
            styles.add(right ? raw.onRightAxis() : raw);
            points.add(SeriesPoints.of(name, line.x(), line.raw()));
            if (state.emaFor(name)) {
                SeriesStyle ema = SeriesStyle.dashed(name + EMA_SUFFIX, name + " EMA", Palette.shade(color, 0.65));
                styles.add(right ? ema.onRightAxis() : ema);
                points.add(SeriesPoints.of(name + EMA_SUFFIX, line.x(), line.smoothed()));
            }
            if (name.equals(state.primarySeries()) && state.xMode() != XMode.EPOCH) {
                styles.add(SeriesStyle.readout(EPOCH_READOUT, "epoch"));
                points.add(SeriesPoints.readout(EPOCH_READOUT, line.x(), line.epochs()));
            }
        }
        chart.setConfig(new ChartConfig(state.xMode().label.toLowerCase(Locale.ROOT), state.primarySeries(),
                state.xMode().isTime() ? XAxis.TIME : XAxis.NUMBER, state.scale(), styles));
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
        Map<String, PlotLine> appended = new LinkedHashMap<>();
        boolean newSeries = false;
        for (Map.Entry<String, List<NewPoint>> entry : bySeries.entrySet()) {
            LiveSeries series = live.get(entry.getKey());
            if (series == null) {
                reload();
                return;
            }
            newSeries |= series.shownCount() == 0;
            PlotLine line = series.append(entry.getValue());
            if (line == null || series.isOverCap()) {
                // A late or replaced point, or more points than the screen needs: draw it again.
                reload();
                return;
            }
            appended.put(entry.getKey(), line);
        }
        for (NewPoint p : bySeries.getOrDefault(state.primarySeries(), List.of())) {
            metrics.append(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(), p.value());
        }
        appended.forEach(this::appendLine);
        if (newSeries) {
            controls.setAvailableSeries(runs.seriesNames(runId));
        }
        showMetrics();
    }

    private void appendLine(String name, PlotLine line) {
        chart.appendPoints(SeriesPoints.of(name, line.x(), line.raw()));
        if (state.emaFor(name)) {
            chart.appendPoints(SeriesPoints.of(name + EMA_SUFFIX, line.x(), line.smoothed()));
        }
        if (name.equals(state.primarySeries()) && state.xMode() != XMode.EPOCH) {
            chart.appendPoints(SeriesPoints.readout(EPOCH_READOUT, line.x(), line.epochs()));
        }
    }

    private void onZoom(ZoomEvent event) {
        buckets = Math.clamp(event.plotWidth(), 100, 4000);
        Double fromX = event.fromX();
        Double toX = event.toX();
        state = state.withZoom(fromX == null || toX == null ? null : iterationRange(fromX, toX));
        controls.show(state); // the controls build the next state from theirs
        reload();
        // The URL keeps the window, so a shared link shows it.
        stateListener.accept(state);
    }

    /** The iterations whose x (on the current axis) falls in the selected range. */
    private @Nullable IterationRange iterationRange(double fromX, double toX) {
        if (state.xMode() == XMode.ITERATION) {
            return new IterationRange(Math.max(0, (long) Math.floor(fromX)), Math.max(0, (long) Math.ceil(toX)));
        }
        SeriesData primary = runs.readSeries(runId, state.primarySeries());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < primary.size(); i++) {
            double xi = state.xMode().x(primary.iterations()[i], primary.epochs()[i], primary.timestamps()[i],
                    origin);
            if (xi >= fromX && xi <= toX) {
                first = Math.min(first, primary.iterations()[i]);
                last = Math.max(last, primary.iterations()[i]);
            }
        }
        return first > last ? null : new IterationRange(first, last);
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
        String s = series.toLowerCase(Locale.ROOT);
        return !(s.contains("loss") || s.contains("perplexity") || s.contains("error"));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var ui = attachEvent.getUI();
        var points = new UiThrottle<>(scheduler, ui, this::drain, this::append);
        // Only a cleared history or a deletion needs a read here (rare); new points arrive with their event.
        var changes = new UiThrottle<>(scheduler, ui, () -> runs.find(runId).isPresent(),
                exists -> {
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
            if (change.runId() == runId && (change.kind() == RunChanged.Kind.HISTORY_CLEARED
                    || change.kind() == RunChanged.Kind.DELETED || change.kind() == RunChanged.Kind.RELOADED)) {
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
