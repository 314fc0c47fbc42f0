package dev.descent.monitor.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.descent.base.LiveScheduler;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.ChartConfig;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.chart.XAxis;
import dev.descent.chart.YScale;
import dev.descent.plot.LiveSeries;
import dev.descent.plot.Palette;
import dev.descent.plot.PlotLine;
import dev.descent.plot.Smoothing;
import dev.descent.plot.TimeOrigin;
import dev.descent.plot.XMode;
import dev.descent.run.NewPoint;
import dev.descent.run.RunChanged;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.Subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Every series of a run at a glance (issue 16): a grid of small charts, one per series, each with its own y-axis,
 * all on the iteration axis with one shared cursor; clicking one opens it in the big chart. Which series are shown
 * is chosen above the grid and kept in the URL ({@code hide=lr,grad_norm}). Kept live like the big chart: new points
 * are appended to their small chart.
 */
class SeriesDashboard extends VerticalLayout {

    /** Points per small chart: a few hundred pixels wide. */
    static final int BUCKETS = 400;

    final MultiSelectComboBox<String> shown = new MultiSelectComboBox<>("Series shown");
    final Div grid = new Div();
    final Map<String, LossChart> charts = new LinkedHashMap<>();

    private final RunService runs;
    private final RunEvents events;
    private final LiveScheduler scheduler;
    private final long runId;
    private final Consumer<String> open;
    private final Consumer<List<String>> hiddenChanged;
    private final Map<String, LiveSeries> lines = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<NewPoint> arrived = new ConcurrentLinkedQueue<>();
    private List<String> available = List.of();
    private List<String> hidden = List.of();
    private boolean updating;
    private final List<Subscription> subscriptions = new ArrayList<>();

    /**
     * @param open          a small chart was clicked: show this series in the big chart
     * @param hiddenChanged the series the user hid, for the URL
     */
    SeriesDashboard(RunService runs, RunEvents events, LiveScheduler scheduler, long runId, Consumer<String> open,
                    Consumer<List<String>> hiddenChanged) {
        this.runs = runs;
        this.events = events;
        this.scheduler = scheduler;
        this.runId = runId;
        this.open = open;
        this.hiddenChanged = hiddenChanged;
        setPadding(false);
        setWidthFull();
        grid.addClassName("series-dashboard");
        grid.setWidthFull();
        shown.setWidth("min(100%, 32em)");
        shown.addValueChangeListener(e -> {
            if (!updating) {
                hiddenChanged.accept(available.stream().filter(s -> !e.getValue().contains(s)).toList());
            }
        });
        add(shown, grid);
    }

    /** Shows every series of the run but the hidden ones, read afresh. */
    void show(List<String> hiddenSeries) {
        hidden = List.copyOf(hiddenSeries);
        available = runs.seriesNames(runId);
        updating = true;
        try {
            shown.setItems(available);
            shown.setValue(new LinkedHashSet<>(available.stream().filter(s -> !hidden.contains(s)).toList()));
        } finally {
            updating = false;
        }
        grid.removeAll();
        charts.clear();
        lines.clear();
        arrived.clear();
        int index = 0;
        for (String name : available) {
            int colour = index++;
            if (hidden.contains(name)) {
                continue;
            }
            charts.put(name, smallChart(name, Palette.color(colour)));
        }
        if (charts.isEmpty()) {
            grid.add(new Span(available.isEmpty() ? "No points yet." : "Every series is hidden."));
        }
    }

    private LossChart smallChart(String name, String colour) {
        LossChart chart = new LossChart();
        chart.setHeight("220px");
        chart.addClassName("dashboard-chart");
        chart.getElement().setAttribute("data-series", name);
        chart.getElement().setAttribute("title", "Open " + name + " in the big chart");
        // Each its own y-axis (they are separate charts); the iteration axis and the cursor are shared.
        chart.setConfig(new ChartConfig("iteration", name, XAxis.NUMBER, YScale.LINEAR,
                List.of(SeriesStyle.line(name, name, colour)), MonitorState.isLoss(name), List.of(), "run-" + runId));
        draw(name, chart);
        chart.addChartClickListener(e -> open.accept(name));
        grid.add(chart);
        return chart;
    }

    /** Reads a series and draws it whole (raw values, on the iteration axis: no time origin to keep). */
    private void draw(String name, LossChart chart) {
        LiveSeries line = LiveSeries.draw(runs.readSeries(runId, name), 0, Long.MAX_VALUE, BUCKETS, Smoothing.OFF,
                XMode.ITERATION, new TimeOrigin());
        lines.put(name, line);
        chart.setPoints(SeriesPoints.of(name, line.line().x(), line.line().raw()));
    }

    /**
     * New points, appended to their small charts; a late point or a full line reads that series again. Nothing is
     * done while the dashboard is put aside: it reads everything afresh when shown again ({@link #show}).
     */
    void append(List<NewPoint> points) {
        if (!isVisible()) {
            return;
        }
        Map<String, List<NewPoint>> bySeries = new LinkedHashMap<>();
        points.forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
        boolean newSeries = bySeries.keySet().stream().anyMatch(s -> !available.contains(s));
        if (newSeries) {
            show(hidden); // a series that starts now gets its chart
            return;
        }
        bySeries.forEach((name, added) -> {
            LiveSeries line = lines.get(name);
            LossChart chart = charts.get(name);
            if (line == null || chart == null) {
                return;
            }
            PlotLine more = line.append(added);
            if (more == null || line.isOverCap()) {
                draw(name, chart);
            } else {
                chart.appendPoints(SeriesPoints.of(name, more.x(), more.raw()));
            }
        });
    }

    void attach(UI ui) {
        UiThrottle<List<NewPoint>> throttle = new UiThrottle<>(scheduler, ui, () -> {
            List<NewPoint> batch = new ArrayList<>();
            for (NewPoint p; (p = arrived.poll()) != null; ) {
                batch.add(p);
            }
            return batch;
        }, this::append);
        subscriptions.add(events.onPointsAppended(runId, appended -> {
            arrived.addAll(appended.points());
            throttle.request();
        }));
        // A cleared history, or a resynchronisation after a lost cross-node connection (DD011): read everything again.
        UiThrottle<Boolean> reread = new UiThrottle<>(scheduler, ui, () -> runs.find(runId).isPresent(), exists -> {
            if (exists && isVisible()) {
                show(hidden);
            }
        });
        subscriptions.add(events.onRunChanged(change -> {
            if (change.runId() == runId && (change.kind() == RunChanged.Kind.HISTORY_CLEARED
                    || change.kind() == RunChanged.Kind.RELOADED)) {
                reread.request();
            }
        }));
    }

    void detach() {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
    }
}
