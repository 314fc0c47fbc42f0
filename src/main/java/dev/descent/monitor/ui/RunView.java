package dev.descent.monitor.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.base.ui.UiThrottle;
import dev.descent.chart.LossChart;
import dev.descent.chart.SeriesPoints;
import dev.descent.chart.SeriesStyle;
import dev.descent.run.NewPoint;
import dev.descent.run.RunEvents;
import dev.descent.run.RunNotFoundException;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import dev.descent.run.Subscription;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One run: its name, status and a live chart of its loss. */
@Route("runs/:runId(\\d{1,18})")
class RunView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final H2 title = new H2();
    final StatusBadge status = new StatusBadge("RUNNING");
    final Span details = new Span();
    final LossChart chart = new LossChart();

    private final RunService runs;
    private final RunEvents events;
    private final ConcurrentLinkedQueue<NewPoint> arrived = new ConcurrentLinkedQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private @Nullable RunSummary run;
    private long shownUpTo = -1;

    RunView(RunService runs, RunEvents events) {
        this.runs = runs;
        this.events = events;
        setSizeFull();
        var header = new HorizontalLayout(title, status);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        details.addClassName("run-details");
        chart.addSeries(new SeriesStyle(RunService.LOSS, "loss", "var(--lumo-primary-color)", false));
        add(header, details, chart);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long runId = Long.parseLong(event.getRouteParameters().get("runId").orElseThrow());
        run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        showRun(run);
    }

    @Override
    public String getPageTitle() {
        return (run == null ? "Run" : run.name()) + " · Descent";
    }

    private void showRun(RunSummary summary) {
        title.setText(summary.name());
        status.setStatus(summary.status().name());
        details.setText(summary.project() + " · " + Formats.count(summary.pointCount()) + " points · last loss "
                + Formats.loss(summary.lastLoss()));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        RunSummary current = requireRun();
        long runId = current.id();
        var points = new UiThrottle<>(attachEvent.getUI(), UiThrottle.DEFAULT_INTERVAL,
                this::drainArrived, this::appendToChart);
        var header = new UiThrottle<>(attachEvent.getUI(), UiThrottle.DEFAULT_INTERVAL,
                () -> runs.find(runId), this::refreshHeader);
        // Subscribe before reading so no point committed in between is missed.
        subscriptions.add(events.onPointsAppended(runId, appended -> {
            appended.points().stream().filter(p -> p.series().equals(RunService.LOSS)).forEach(arrived::add);
            points.request();
        }));
        subscriptions.add(events.onRunChanged(change -> {
            if (change.runId() == runId) {
                header.request();
            }
        }));
        reloadChart(runId);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
    }

    private void reloadChart(long runId) {
        SeriesData loss = runs.readSeries(runId, RunService.LOSS);
        chart.setPoints(SeriesPoints.of(RunService.LOSS, loss.iterations(), loss.values(), 0, loss.size()));
        shownUpTo = loss.size() == 0 ? -1 : loss.iterations()[loss.size() - 1];
    }

    private List<NewPoint> drainArrived() {
        List<NewPoint> batch = new ArrayList<>();
        for (NewPoint p; (p = arrived.poll()) != null; ) {
            batch.add(p);
        }
        batch.sort(Comparator.comparingLong(NewPoint::iteration));
        return batch;
    }

    private void appendToChart(List<NewPoint> batch) {
        List<NewPoint> fresh = batch.stream().filter(p -> p.iteration() > shownUpTo).toList();
        if (fresh.isEmpty()) {
            return;
        }
        long[] x = fresh.stream().mapToLong(NewPoint::iteration).toArray();
        double[] y = fresh.stream().mapToDouble(NewPoint::value).toArray();
        chart.appendPoints(SeriesPoints.of(RunService.LOSS, x, y, 0, x.length));
        shownUpTo = x[x.length - 1];
    }

    private void refreshHeader(Optional<RunSummary> latest) {
        latest.ifPresent(summary -> {
            boolean cleared = summary.pointCount() < requireRun().pointCount();
            run = summary;
            showRun(summary);
            if (cleared) {
                reloadChart(summary.id());
            }
        });
    }

    private RunSummary requireRun() {
        if (run == null) {
            throw new IllegalStateException("run view attached before navigation");
        }
        return run;
    }
}
