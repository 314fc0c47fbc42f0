package dev.descent.compare.ui;

import com.vaadin.flow.component.UI;
import dev.descent.base.LiveScheduler;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.Band;
import dev.descent.chart.ChartConfig;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.chart.XAxis;
import dev.descent.chart.YScale;
import dev.descent.chart.ZoomEvent;
import dev.descent.plot.GroupBand;
import dev.descent.plot.IterationRange;
import dev.descent.plot.Palette;
import dev.descent.plot.RunGrouping;
import dev.descent.plot.LiveSeries;
import dev.descent.plot.PlotLine;
import dev.descent.plot.Smoothing;
import dev.descent.plot.TimeOrigin;
import dev.descent.plot.XMode;
import dev.descent.run.NewPoint;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The comparison's chart, kept live: one line per run (its stable colour), drawn through the plotting core
 * and continued with each run's new points. What it holds is bounded like the monitor's: a run whose line
 * outgrows its cap, or receives a late point, is read and drawn again alone.
 */
final class ComparisonChart {

    static final int BUCKETS = 1000;
    /** Points the browser draws for the whole comparison; many runs share it so 50 lines stay fluid. */
    static final int CHART_BUDGET = 12_000;

    final LossChart chart = new LossChart();

    private final RunService runs;
    private final RunEvents events;
    private final LiveScheduler scheduler;
    private final Runnable metricsChanged;
    private final RunColors colors = new RunColors();
    private final Map<Long, ComparedRun> compared = new LinkedHashMap<>();
    /** When grouped: the groups, drawn instead of the runs' own lines. */
    private final List<ComparedGroup> groups = new ArrayList<>();
    private final ConcurrentLinkedQueue<Arrived> arrived = new ConcurrentLinkedQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Set<String> seriesNames = new TreeSet<>();
    private CompareState state = CompareState.fromQuery(com.vaadin.flow.router.QueryParameters.empty());
    private final Consumer<@Nullable IterationRange> zoomChanged;
    private int buckets = BUCKETS;
    private @Nullable UiThrottle<List<Arrived>> livePoints;

    /** A committed point and the run it belongs to. */
    record Arrived(long runId, NewPoint point) {
    }

    ComparisonChart(RunService runs, RunEvents events, LiveScheduler scheduler, Runnable metricsChanged,
                    Consumer<@Nullable IterationRange> zoomChanged) {
        this.runs = runs;
        this.events = events;
        this.scheduler = scheduler;
        this.metricsChanged = metricsChanged;
        this.zoomChanged = zoomChanged;
        chart.setHeight("440px");
        chart.addZoomListener(this::onZoom);
    }

    /** Shows a new comparison: reads every run's series and draws it; the chart is configured again. */
    void show(CompareState newState, Map<Long, RunSummary> known) {
        state = newState;
        // Subscribed before reading, so no point committed in between is missed (one already read is
        // recognised as late and redraws its run).
        resubscribe();
        colors.retain(state.runs());
        compared.clear();
        seriesNames.clear();
        seriesNames.add("loss");
        groups.clear();
        List<SeriesStyle> styles = new ArrayList<>();
        for (long runId : state.runs()) {
            RunSummary run = runs.find(runId).orElse(known.get(runId));
            if (run == null) {
                continue;
            }
            seriesNames.addAll(runs.seriesNames(runId));
            SeriesData data = runs.readSeries(runId, state.series());
            ComparedRun c = new ComparedRun(run, colors.colorOf(runId), data, draw(data));
            compared.put(runId, c);
            styles.add(SeriesStyle.line(c.seriesId(), run.name(), c.color));
        }
        List<Band> bands = new ArrayList<>();
        String grouping = state.group();
        if (grouping != null) {
            styles.clear();
            Map<String, List<RunSummary>> byKey = RunGrouping.parse(grouping)
                    .group(compared.values().stream().map(c -> c.run).toList());
            for (Map.Entry<String, List<RunSummary>> entry : byKey.entrySet()) {
                ComparedGroup g = new ComparedGroup(groups.size(), entry.getKey(), Palette.color(groups.size()),
                        entry.getValue().stream().map(RunSummary::id).toList());
                groups.add(g);
                for (long id : g.members) {
                    ComparedRun c = java.util.Objects.requireNonNull(compared.get(id));
                    c.group = g;
                    c.color = g.color;
                }
                styles.add(SeriesStyle.line(g.meanId(), g.label(), g.color));
                styles.add(SeriesStyle.line(g.upperId(), g.key + " upper", g.color));
                styles.add(SeriesStyle.line(g.lowerId(), g.key + " lower", g.color));
                bands.add(new Band(g.upperId(), g.lowerId(), g.color));
            }
        }
        XMode mode = state.x();
        chart.setConfig(new ChartConfig(mode.label.toLowerCase(Locale.ROOT), state.series(),
                mode.isTime() ? XAxis.TIME : XAxis.NUMBER, state.scale(), styles, state.ignoreOutliers(), bands, null));
        if (grouping == null) {
            compared.values().forEach(this::sendLine);
        } else {
            groups.forEach(this::sendGroup);
        }
    }

    /**
     * Computes a group's band from its members' full-resolution series (the series cache), each smoothed first,
     * over the zoomed iterations, then downsampled keeping the band's extremes, and sends its three lines.
     */
    private void sendGroup(ComparedGroup g) {
        List<SeriesData> members = g.members.stream().map(id -> runs.readSeries(id, state.series())).toList();
        IterationRange zoom = state.zoom();
        List<GroupBand.Point> full = GroupBand.ofMembers(members, state.smoothing(),
                zoom == null ? 0 : zoom.from(), zoom == null ? Long.MAX_VALUE : zoom.to());
        g.last = full.isEmpty() ? null : full.getLast();
        List<GroupBand.Point> band = GroupBand.downsample(full, 2 * pointsPerGroup());
        int n = band.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            GroupBand.Point p = band.get(i);
            x[i] = p.iteration();
            mean[i] = p.mean();
            lower[i] = state.band().lower(p);
            upper[i] = state.band().upper(p);
        }
        chart.setPoints(SeriesPoints.of(g.meanId(), x, mean));
        chart.setPoints(SeriesPoints.readout(g.upperId(), x, upper));
        chart.setPoints(SeriesPoints.readout(g.lowerId(), x, lower));
    }

    int pointsPerGroup() {
        return Math.max(100, Math.min(buckets, CHART_BUDGET / 3 / Math.max(1, groups.size())));
    }

    List<ComparedGroup> groups() {
        return groups;
    }

    /** Only "ignore outliers" changed: the browser fits the y-range again to the points it has. */
    void showOutliers(CompareState newState) {
        state = newState;
        chart.setRobustRange(newState.ignoreOutliers());
    }

    /** Only the scale changed: the browser redraws the points it has. */
    void showScale(CompareState newState) {
        state = newState;
        chart.setYScale(newState.scale());
    }

    /** Only the smoothing changed: each line is smoothed anew from the values held and sent as data. */
    void showSmoothing(CompareState newState) {
        state = newState;
        groups.forEach(this::sendGroup);
        for (ComparedRun c : compared.values()) {
            PlotLine line = c.line.resmooth(state.smoothing());
            if (c.group != null) {
                continue;
            }
            chart.setPoints(SeriesPoints.of(c.seriesId(), line.x(), line.line(state.smoothing())));
        }
    }

    Map<Long, ComparedRun> compared() {
        return compared;
    }

    Set<String> seriesNames() {
        return seriesNames;
    }

    int pointsPerRun() {
        return Math.max(100, Math.min(buckets, CHART_BUDGET / Math.max(1, state.runs().size())));
    }

    private LiveSeries draw(SeriesData data) {
        TimeOrigin origin = data.size() == 0 ? new TimeOrigin() : new TimeOrigin(data.timestamps()[0]);
        IterationRange zoom = state.zoom();
        long from = zoom == null ? 0 : zoom.from();
        long to = zoom == null ? Long.MAX_VALUE : zoom.to();
        return LiveSeries.draw(data, from, to, pointsPerRun(), state.smoothing(), state.x(), origin);
    }

    private void sendLine(ComparedRun c) {
        if (c.group != null) {
            return; // drawn as part of its group's band
        }
        PlotLine line = c.line.line();
        chart.setPoints(SeriesPoints.of(c.seriesId(), line.x(), line.line(state.smoothing())));
    }

    /** Reads one run again and redraws only its line. */
    private void redraw(ComparedRun c) {
        SeriesData data = runs.readSeries(c.id(), state.series());
        c.redrawn(data, draw(data));
        sendLine(c);
    }

    /** New points of running runs, appended to their lines; a late point or a full line redraws that run. */
    void append(List<Arrived> batch) {
        Map<Long, List<NewPoint>> byRun = new LinkedHashMap<>();
        Set<ComparedGroup> changedGroups = new java.util.LinkedHashSet<>();
        for (Arrived a : batch) {
            if (a.point().series().equals(state.series())) {
                byRun.computeIfAbsent(a.runId(), k -> new ArrayList<>()).add(a.point());
            }
        }
        for (Map.Entry<Long, List<NewPoint>> entry : byRun.entrySet()) {
            ComparedRun c = compared.get(entry.getKey());
            if (c == null) {
                continue;
            }
            PlotLine added = c.line.append(entry.getValue());
            if (added == null || c.line.isOverCap()) {
                redraw(c);
            } else {
                if (c.group == null) {
                    chart.appendPoints(SeriesPoints.of(c.seriesId(), added.x(), added.line(state.smoothing())));
                }
                c.appendMetrics(entry.getValue());
            }
            if (c.group != null) {
                changedGroups.add(c.group);
            }
        }
        // A group's band moves where its members logged: computed again from their series, once per update.
        changedGroups.forEach(this::sendGroup);
        if (!byRun.isEmpty()) {
            metricsChanged.run();
        }
    }

    private void onZoom(ZoomEvent event) {
        buckets = Math.clamp(event.plotWidth(), 100, 4000);
        Double fromX = event.fromX();
        Double toX = event.toX();
        // Only iteration ranges map to every run alike; on other axes a zoom re-reads the whole runs.
        IterationRange zoom = fromX == null || toX == null || state.x() != XMode.ITERATION ? null
                : new IterationRange(Math.max(0, (long) Math.floor(fromX)), Math.max(0, (long) Math.ceil(toX)));
        state = state.withZoom(zoom);
        for (ComparedRun c : compared.values()) {
            redraw(c);
        }
        groups.forEach(this::sendGroup);
        zoomChanged.accept(zoom);
    }

    void attach(UI ui) {
        livePoints = new UiThrottle<>(scheduler, ui, () -> {
            List<Arrived> batch = new ArrayList<>();
            for (Arrived a; (a = arrived.poll()) != null; ) {
                batch.add(a);
            }
            return batch;
        }, this::append);
        resubscribe();
    }

    void detach() {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
        livePoints = null;
    }

    private void resubscribe() {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
        arrived.clear();
        UiThrottle<List<Arrived>> throttle = livePoints;
        if (throttle == null) {
            return;
        }
        for (long runId : state.runs()) {
            subscriptions.add(events.onPointsAppended(runId, appended -> {
                appended.points().forEach(p -> arrived.add(new Arrived(runId, p)));
                throttle.request();
            }));
        }
    }

    YScale scale() {
        return chart.getYScale();
    }
}
