package dev.descent.compare.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.descent.base.CsvField;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.ChartConfig;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.chart.XAxis;
import dev.descent.chart.YScale;
import dev.descent.chart.ZoomEvent;
import dev.descent.metrics.Ema;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.MetricsOptions;
import dev.descent.monitor.SeriesRenderer;
import dev.descent.monitor.XMode;
import dev.descent.run.NewPoint;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Overlay many runs in one chart: pick them from a filterable list, compare their curves (one stable
 * colour per run) and their metrics and differing hyperparameters in a table, live.
 */
@jakarta.annotation.security.PermitAll
@Route("compare")
@PageTitle("Compare · Descent")
class CompareView extends VerticalLayout implements BeforeEnterObserver {

    static final int BUCKETS = 1000;
    /**
     * Runs compared at once: each is read, drawn and followed live, so "Select all matching" over 10,000 runs
     * froze the browser tab for minutes (issue 11). A hundred lines is already more than a chart can show.
     */
    static final int MAX_RUNS = 100;
    /** Points the browser draws for the whole comparison; many runs share it so 50 lines stay fluid. */
    static final int CHART_BUDGET = 12_000;

    final TextField filter = new TextField();
    final ComboBox<String> project = new ComboBox<>("Project");
    final Select<String> status = new Select<>();
    final ComboBox<String> tag = new ComboBox<>("Tag");
    final Grid<RunSummary> picker = new Grid<>();
    final Button selectAllMatching = new Button("Select all matching");
    final Button clearSelection = new Button("Clear selection");
    final Span selectedCount = new Span();
    final ComboBox<String> series = new ComboBox<>("Series");
    final DecimalSlider smoothing = new DecimalSlider("Smoothing", 0, 0.99);
    final Select<YScale> scale = new Select<>();
    final Select<String> xMode = new Select<>();
    final LossChart chart = new LossChart();
    final Grid<ComparedRun> table = new Grid<>();
    final Anchor csv = new Anchor();
    final Button png = new Button("Export PNG");

    private final RunService runs;
    private final RunEvents events;
    private final RunColors colors = new RunColors();
    private final Map<Long, ComparedRun> compared = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Arrived> arrived = new ConcurrentLinkedQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<RunSummary> allRuns = new ArrayList<>();
    private CompareState state = CompareState.fromQuery(com.vaadin.flow.router.QueryParameters.empty());
    private boolean updating;
    private long @Nullable [] zoom;
    private int buckets = BUCKETS;
    private @Nullable UiThrottle<List<Arrived>> livePoints;

    /** A committed point and the run it belongs to. */
    record Arrived(long runId, NewPoint point) {
    }

    CompareView(RunService runs, RunEvents events) {
        this.runs = runs;
        this.events = events;
        setWidthFull();

        filter.setLabel("Filter runs");
        filter.setPlaceholder("substring or /regex/");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> refreshPicker());
        project.setClearButtonVisible(true);
        project.addValueChangeListener(e -> refreshPicker());
        status.setLabel("Status");
        status.setItems("any", "RUNNING", "FINISHED", "FAILED");
        status.setValue("any");
        status.addValueChangeListener(e -> refreshPicker());
        tag.setClearButtonVisible(true);
        tag.addValueChangeListener(e -> refreshPicker());

        picker.setSelectionMode(Grid.SelectionMode.MULTI);
        picker.addColumn(RunSummary::project).setHeader("Project").setAutoWidth(true);
        picker.addColumn(RunSummary::name).setHeader("Run").setFlexGrow(2);
        picker.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name()))).setHeader("Status");
        picker.addColumn(r -> String.join(", ", r.tags())).setHeader("Tags");
        picker.setHeight("16em");
        picker.addThemeVariants(GridVariant.LUMO_COMPACT);
        picker.asMultiSelect().addSelectionListener(e -> {
            if (!updating && e.isFromClient()) {
                List<Long> ids = new ArrayList<>(state.runs());
                e.getRemovedSelection().forEach(r -> ids.remove(r.id()));
                e.getAddedSelection().forEach(r -> {
                    if (!ids.contains(r.id())) {
                        ids.add(r.id());
                    }
                });
                changeRuns(ids);
            }
        });
        selectAllMatching.addClickListener(e -> {
            List<Long> ids = new ArrayList<>(state.runs());
            matching().forEach(r -> {
                if (!ids.contains(r.id())) {
                    ids.add(r.id());
                }
            });
            changeRuns(ids);
        });
        clearSelection.addClickListener(e -> change(state.withRuns(List.of())));

        series.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                change(state.withSeries(e.getValue()));
            }
        });
        smoothing.setStep(0.01);
        smoothing.setValueAlwaysVisible(true);
        smoothing.setWidth("14em");
        smoothing.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                change(state.withSmoothing(e.getValue()));
            }
        });
        scale.setLabel("Y-axis scale");
        scale.setItems(YScale.LINEAR, YScale.LOG);
        scale.setItemLabelGenerator(s -> s == YScale.LOG ? "Logarithmic" : "Linear");
        scale.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                change(state.withScale(e.getValue()));
            }
        });
        xMode.setLabel("X-axis");
        xMode.setItems(CompareState.X_MODES);
        xMode.setItemLabelGenerator(m -> XMode.fromParam(m).label);
        xMode.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                change(state.withX(e.getValue()));
            }
        });

        chart.setHeight("440px");
        chart.addZoomListener(this::onZoom);

        table.addColumn(new ComponentRenderer<>(c -> {
            Span swatch = new Span();
            swatch.addClassName("run-swatch");
            swatch.getStyle().set("background", c.color);
            return swatch;
        })).setHeader("").setWidth("3em").setFlexGrow(0);
        table.addColumn(c -> c.run.name()).setHeader("Run").setSortable(true).setAutoWidth(true)
                .setComparator(c -> c.run.name());
        table.addColumn(new ComponentRenderer<>(c -> new StatusBadge(c.run.status().name()))).setHeader("Status")
                .setComparator(c -> c.run.status().name());
        table.addItemClickListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("runs/" + e.getItem().id())));
        table.setAllRowsVisible(true);
        table.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);

        csv.setText("Export CSV");
        // Streamed: a comparison of many long runs is never held in memory as one text.
        csv.setHref((DownloadHandler) event -> {
            event.setFileName("descent-comparison.csv");
            event.setContentType("text/csv;charset=UTF-8");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8))) {
                exportCsv(out);
            }
        });
        csv.getElement().setAttribute("download", true);
        png.addClickListener(e -> chart.downloadPng("descent-comparison.png"));

        var filters = new HorizontalLayout(filter, project, status, tag);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        var selection = new HorizontalLayout(selectAllMatching, clearSelection, selectedCount);
        selection.setAlignItems(FlexComponent.Alignment.BASELINE);
        var controls = new HorizontalLayout(series, smoothing, scale, xMode, csv, png);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        add(new H2("Compare runs"), filters, picker, selection, controls, chart, table);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        allRuns.clear();
        allRuns.addAll(runs.list());
        project.setItems(allRuns.stream().map(RunSummary::project).distinct().sorted().toList());
        tag.setItems(allRuns.stream().flatMap(r -> r.tags().stream()).distinct().sorted().toList());
        CompareState requested = CompareState.fromQuery(event.getLocation().getQueryParameters());
        Set<Long> known = new java.util.HashSet<>(allRuns.stream().map(RunSummary::id).toList());
        List<Long> unknown = requested.runs().stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            Notification.show("Not found and left out: run " + unknown.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse(""), 5000, Notification.Position.BOTTOM_START);
        }
        List<Long> found = requested.runs().stream().filter(known::contains).toList();
        state = requested.withRuns(capped(found));
        refreshPicker();
        load();
        if (!unknown.isEmpty()) {
            remember();
        }
    }

    /** A new selection, cut to the first {@link #MAX_RUNS} with a message saying so. */
    private void changeRuns(List<Long> ids) {
        List<Long> kept = capped(ids);
        change(state.withRuns(kept));
        if (kept.size() < ids.size()) {
            // The picker shows what was really selected.
            refreshPicker();
        }
    }

    private static List<Long> capped(List<Long> ids) {
        if (ids.size() <= MAX_RUNS) {
            return ids;
        }
        Notification.show("A comparison shows at most " + MAX_RUNS + " runs: the first " + MAX_RUNS + " of the "
                + ids.size() + " selected are compared. Narrow the filter to choose others.", 8000,
                Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_WARNING);
        return List.copyOf(ids.subList(0, MAX_RUNS));
    }

    private void change(CompareState newState) {
        boolean onlyScale = newState.withScale(state.scale()).equals(state);
        state = newState;
        if (onlyScale) {
            chart.setYScale(state.scale());
            showControls();
        } else {
            load();
        }
        remember();
    }

    private void remember() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("compare", state.toQuery())));
    }

    List<RunSummary> matching() {
        return allRuns.stream().filter(currentFilter().predicate()).toList();
    }

    private RunFilter currentFilter() {
        String s = status.getValue();
        return new RunFilter(Objects.requireNonNullElse(filter.getValue(), ""), project.getValue(),
                s == null || s.equals("any") ? null : RunStatus.valueOf(s), tag.getValue());
    }

    void refreshPicker() {
        List<RunSummary> shown;
        try {
            shown = matching();
            filter.setInvalid(false);
            filter.setErrorMessage(null);
        } catch (RunFilter.InvalidRegex e) {
            filter.setInvalid(true);
            filter.setErrorMessage(e.getMessage());
            return;
        }
        updating = true;
        try {
            picker.setItems(shown);
            picker.asMultiSelect().setValue(new LinkedHashSet<>(shown.stream()
                    .filter(r -> state.runs().contains(r.id())).toList()));
        } finally {
            updating = false;
        }
    }

    /** Reads every selected run's series again and redraws (selection, series, smoothing, axis or zoom). */
    void load() {
        colors.retain(state.runs());
        compared.clear();
        Map<Long, RunSummary> byId = new LinkedHashMap<>();
        allRuns.forEach(r -> byId.put(r.id(), r));
        List<SeriesStyle> styles = new ArrayList<>();
        List<SeriesPoints> points = new ArrayList<>();
        XMode mode = XMode.fromParam(state.x());
        long from = zoom == null ? 0 : zoom[0];
        long to = zoom == null ? Long.MAX_VALUE : zoom[1];
        Set<String> seriesNames = new TreeSet<>(List.of("loss"));
        for (long runId : state.runs()) {
            RunSummary run = runs.find(runId).orElse(byId.get(runId));
            if (run == null) {
                continue;
            }
            seriesNames.addAll(runs.seriesNames(runId));
            SeriesData data = runs.readSeries(runId, state.series());
            long t0 = data.size() == 0 ? 0 : data.timestamps()[0];
            int perRun = Math.max(100, Math.min(buckets, CHART_BUDGET / Math.max(1, state.runs().size())));
            var rendered = SeriesRenderer.render("raw", "smoothed", "epoch", data, from, to, perRun,
                    state.smoothing(), mode, t0);
            var line = state.smoothing() > 0 ? rendered.smoothed() : rendered.raw();
            ComparedRun c = new ComparedRun(run, colors.colorOf(runId), data, rendered.ema());
            compared.put(runId, c);
            styles.add(SeriesStyle.line(c.seriesId(), run.name(), c.color));
            points.add(new SeriesPoints(c.seriesId(), line.x(), line.y(), line.nonFiniteX()));
        }
        chart.setConfig(new ChartConfig(mode.label.toLowerCase(Locale.ROOT), state.series(),
                mode == XMode.WALL ? XAxis.TIME : XAxis.NUMBER, state.scale(), styles));
        points.forEach(chart::setPoints);
        series.setItems(seriesNames);
        showControls();
        showTable();
        resubscribe();
    }

    private void showControls() {
        updating = true;
        try {
            series.setValue(state.series());
            smoothing.setValue(state.smoothing());
            scale.setValue(state.scale());
            xMode.setValue(state.x());
            selectedCount.setText(state.runs().size() + " selected");
        } finally {
            updating = false;
        }
    }

    /** Metric columns, plus one column per hyperparameter whose value differs between the selected runs. */
    private void showTable() {
        while (table.getColumns().size() > 3) {
            table.removeColumn(table.getColumns().getLast());
        }
        for (String param : differingParams()) {
            table.addColumn(c -> String.valueOf(c.run.params().getOrDefault(param, "")))
                    .setHeader(param).setSortable(true).setAutoWidth(true)
                    .setComparator(c -> String.valueOf(c.run.params().getOrDefault(param, "")));
        }
        table.addColumn(c -> Formats.loss(c.metrics.currentLoss())).setHeader("Current loss").setAutoWidth(true)
                .setComparator(c -> nullLast(c.metrics.currentLoss()));
        table.addColumn(c -> Formats.loss(c.metrics.minLoss()) + (c.metrics.minLossIteration() == null ? ""
                : " (" + c.metrics.minLossIteration() + ")")).setHeader("Min loss (iteration)").setAutoWidth(true)
                .setComparator(c -> nullLast(c.metrics.minLoss()));
        table.addColumn(c -> c.metrics.lossImprovement() == null ? "—"
                        : String.format(Locale.ROOT, "%.2f %%", c.metrics.lossImprovement()))
                .setHeader("Improvement").setAutoWidth(true).setComparator(c -> nullLast(c.metrics.lossImprovement()));
        table.addColumn(c -> Formats.loss(c.metrics.convergenceRate()) + " "
                        + (c.metrics.convergenceRateUnit().equals(LossMetrics.PER_EPOCH) ? "/epoch" : "/iter"))
                .setHeader("Convergence rate").setAutoWidth(true).setComparator(c -> c.metrics.convergenceRate());
        table.addColumn(c -> c.metrics.estimatedConvergenceEpoch() == null ? "—"
                        : String.format(Locale.ROOT, "%.1f", c.metrics.estimatedConvergenceEpoch()))
                .setHeader("Est. convergence epoch").setAutoWidth(true)
                .setComparator(c -> nullLast(c.metrics.estimatedConvergenceEpoch()));
        table.getColumns().forEach(c -> c.setSortable(true));
        table.setItems(new ArrayList<>(compared.values()));
    }

    List<String> differingParams() {
        Set<String> keys = new TreeSet<>();
        compared.values().forEach(c -> keys.addAll(c.run.params().keySet()));
        return keys.stream().filter(k -> compared.values().stream()
                .map(c -> String.valueOf(c.run.params().get(k))).distinct().count() > 1).toList();
    }

    private static double nullLast(@Nullable Double value) {
        return value == null ? Double.MAX_VALUE : value;
    }

    private void onZoom(ZoomEvent event) {
        buckets = Math.clamp(event.plotWidth(), 100, 4000);
        if (event.isReset() || !XMode.fromParam(state.x()).equals(XMode.ITERATION)) {
            // Only iteration ranges map to every run alike; other axes re-read the whole runs.
            zoom = null;
        } else {
            zoom = new long[]{(long) Math.floor(Objects.requireNonNull(event.fromX())),
                    (long) Math.ceil(Objects.requireNonNull(event.toX()))};
        }
        load();
    }

    String exportCsv() {
        StringWriter out = new StringWriter();
        try {
            exportCsv(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    void exportCsv(Writer out) throws IOException {
        out.write("run_id,run,iteration,epoch,value,smoothed\n");
        for (ComparedRun c : compared.values()) {
            SeriesData data = runs.readSeries(c.id(), state.series());
            double[] smoothed = Ema.smooth(data.values(), state.smoothing());
            String name = CsvField.of(c.run.name());
            for (int i = 0; i < data.size(); i++) {
                out.write(c.id() + "," + name + "," + data.iterations()[i] + ","
                        + (Double.isNaN(data.epochs()[i]) ? "" : Double.toString(data.epochs()[i])) + ","
                        + data.values()[i] + "," + smoothed[i] + "\n");
            }
        }
    }

    /** New points of running runs, appended to their lines; a late point re-reads that comparison. */
    void append(List<Arrived> batch) {
        Map<Long, List<NewPoint>> byRun = new LinkedHashMap<>();
        for (Arrived a : batch) {
            byRun.computeIfAbsent(a.runId(), k -> new ArrayList<>()).add(a.point());
        }
        XMode mode = XMode.fromParam(state.x());
        boolean reload = false;
        for (Map.Entry<Long, List<NewPoint>> entry : byRun.entrySet()) {
            ComparedRun c = compared.get(entry.getKey());
            if (c == null) {
                continue;
            }
            List<NewPoint> points = entry.getValue().stream().filter(p -> p.series().equals(state.series()))
                    .sorted(Comparator.comparingLong(NewPoint::iteration)).toList();
            if (points.isEmpty()) {
                continue;
            }
            if (c.lastIteration < 0) {
                c.firstTimestamp = points.getFirst().timestamp();
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            int k = 0;
            for (NewPoint p : points) {
                double epoch = p.epoch() == null ? Double.NaN : p.epoch();
                if (!c.append(p.iteration(), epoch, p.value())) {
                    // A late or replaced point: only a fresh read of that run is right.
                    reload = true;
                    break;
                }
                double smoothed = c.ema.next(p.value());
                double xi = mode.x(p.iteration(), epoch, p.timestamp(), c.firstTimestamp);
                if (!Double.isNaN(xi)) {
                    x[k] = xi;
                    y[k++] = state.smoothing() > 0 ? smoothed : p.value();
                }
            }
            if (reload) {
                break;
            }
            chart.appendPoints(SeriesPoints.of(c.seriesId(), java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k)));
            c.refreshMetrics();
        }
        if (reload) {
            load();
        } else {
            table.getDataProvider().refreshAll();
        }
    }

    private void resubscribe() {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
        UiThrottle<List<Arrived>> throttle = livePoints;
        if (throttle == null) {
            return;
        }
        for (ComparedRun c : compared.values()) {
            long runId = c.id();
            subscriptions.add(events.onPointsAppended(runId, appended -> {
                appended.points().forEach(p -> arrived.add(new Arrived(runId, p)));
                throttle.request();
            }));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        livePoints = new UiThrottle<>(attachEvent.getUI(), UiThrottle.DEFAULT_INTERVAL, () -> {
            List<Arrived> batch = new ArrayList<>();
            for (Arrived a; (a = arrived.poll()) != null; ) {
                batch.add(a);
            }
            return batch;
        }, this::append);
        resubscribe();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
        livePoints = null;
    }

    CompareState state() {
        return state;
    }

    Map<Long, ComparedRun> compared() {
        return compared;
    }
}
