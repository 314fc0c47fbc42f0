package dev.descent.compare.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.descent.base.LiveScheduler;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import dev.descent.plot.IterationRange;
import org.jspecify.annotations.Nullable;
import dev.descent.run.RunSummary;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Overlay many runs in one chart: pick them ({@link RunPicker}), compare their curves ({@link ComparisonChart},
 * one stable colour per run, live) and their metrics and differing hyperparameters ({@link ComparisonTable}).
 * The view owns the state in the URL and composes the parts.
 */
@jakarta.annotation.security.PermitAll
@Route("compare")
@PageTitle("Compare · Descent")
class CompareView extends VerticalLayout implements BeforeEnterObserver {

    /**
     * Runs compared at once: each is read, drawn and followed live, so "Select all matching" over 10,000 runs
     * froze the browser tab for minutes (issue 11). A hundred lines is already more than a chart can show.
     */
    static final int MAX_RUNS = 100;

    final RunPicker picker = new RunPicker(this::changeRuns);
    final ComparisonControls controls;
    final ComparisonTable table = new ComparisonTable();
    final ParameterScatter scatter = new ParameterScatter();
    final ComparisonChart chart;

    private final RunService runs;
    private final ComparisonExport export;
    private CompareState state = CompareState.fromQuery(QueryParameters.empty());

    CompareView(RunService runs, RunEvents events, LiveScheduler scheduler) {
        this.runs = runs;
        this.export = new ComparisonExport(runs);
        this.chart = new ComparisonChart(runs, events, scheduler, () -> {
            table.refresh();
            scatter.refresh();
        }, this::zoomed);
        this.controls = new ComparisonControls(state, this::change);
        setWidthFull();
        // Streamed: a comparison of many long runs is never held in memory as one text.
        controls.csv.setHref((DownloadHandler) event -> {
            event.setFileName("descent-comparison.csv");
            event.setContentType("text/csv;charset=UTF-8");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8))) {
                export.write(out, chart.compared().values(), state.series(), state.smoothing());
            }
        });
        controls.png.addClickListener(e -> chart.chart.downloadPng("descent-comparison.png", pngTitle()));
        addClassName("compare-view");
        add(new H2("Compare runs"), picker, controls, chart.chart, table, scatter);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        picker.setRuns(runs.list());
        CompareState requested = CompareState.fromQuery(event.getLocation().getQueryParameters());
        Set<Long> known = new HashSet<>(picker.runs().stream().map(RunSummary::id).toList());
        List<Long> unknown = requested.runs().stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            Notification.show("Not found and left out: run " + unknown.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")), 5000, Notification.Position.BOTTOM_START);
        }
        state = requested.withRuns(capped(requested.runs().stream().filter(known::contains).toList()));
        show();
        if (!unknown.isEmpty() || requested.runs().size() > MAX_RUNS) {
            remember();
        }
    }

    /** A new selection, cut to the first {@link #MAX_RUNS} with a message saying so. */
    private void changeRuns(List<Long> ids) {
        change(state.withRuns(capped(ids)));
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

    /** "Descent · loss of 3 runs (smoothing 0.60, iterations 1000–5000)": what the exported picture shows. */
    private String pngTitle() {
        return "Descent · " + state.series() + " of " + state.runs().size() + " run" + (state.runs().size() == 1 ? "" : "s")
                + (state.group() == null ? "" : " grouped by " + state.group() + ", mean and " + state.band().label)
                + " (smoothing " + state.smoothing().param()
                + (state.zoom() == null ? "" : ", iterations " + state.zoom().from() + "–" + state.zoom().to()) + ")";
    }

    /** The chart was zoomed (or reset) by the user: the URL keeps the window, so a shared link shows it. */
    private void zoomed(@Nullable IterationRange zoom) {
        state = state.withZoom(zoom);
        controls.show(state, chart.seriesNames(), groupings()); // the controls build the next state from theirs
        remember();
    }

    private void change(CompareState newState) {
        CompareState old = state;
        state = newState;
        if (old.withScale(newState.scale()).equals(newState)) {
            chart.showScale(newState);
        } else if (old.withIgnoreOutliers(newState.ignoreOutliers()).equals(newState)) {
            chart.showOutliers(newState);
        } else if (old.withSmoothing(newState.smoothing()).equals(newState)) {
            chart.showSmoothing(newState);
        } else {
            show();
        }
        controls.show(state, chart.seriesNames(), groupings());
        remember();
    }

    /** Groupings worth suggesting for the compared runs: by each parameter, by all but a seed, by tag. */
    private List<String> groupings() {
        Set<String> params = new java.util.TreeSet<>();
        chart.compared().values().forEach(c -> params.addAll(c.run.params().keySet()));
        List<String> suggestions = new java.util.ArrayList<>();
        params.forEach(p -> suggestions.add("params." + p));
        params.stream().filter(p -> p.toLowerCase(java.util.Locale.ROOT).contains("seed")).findFirst()
                .ifPresent(seed -> suggestions.addFirst("params.*-" + seed));
        suggestions.add("tag");
        return suggestions;
    }

    /** Reads and draws the comparison again (selection, series, axis). */
    private void show() {
        Map<Long, RunSummary> byId = new LinkedHashMap<>();
        picker.runs().forEach(r -> byId.put(r.id(), r));
        chart.show(state, byId);
        picker.showSelected(state.runs());
        controls.show(state, chart.seriesNames(), groupings());
        table.show(chart.compared().values(), state.band());
        scatter.show(chart.compared().values());
    }

    private void remember() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("compare", state.toQuery())));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        chart.attach(attachEvent.getUI());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        chart.detach();
    }

    CompareState state() {
        return state;
    }

    Map<Long, ComparedRun> compared() {
        return chart.compared();
    }

    String exportCsv() {
        return export.toText(chart.compared().values(), state.series(), state.smoothing());
    }
}
