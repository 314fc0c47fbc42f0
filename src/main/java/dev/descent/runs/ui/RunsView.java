package dev.descent.runs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.descent.base.ui.UiThrottle;
import dev.descent.run.RunFilter;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.RunWatch;
import dev.descent.run.Subscription;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every run as a table to search, filter and sort ({@link RunsFilterBar}, {@link RunsTable}), kept live; selected
 * runs open in the comparison. The view owns the state in the URL ({@link RunsQuery}).
 */
@jakarta.annotation.security.PermitAll
@Route("")
@PageTitle("Runs · Descent")
class RunsView extends VerticalLayout implements BeforeEnterObserver {

    final RunsTable grid;
    final RunsFilterBar filters = new RunsFilterBar(this::change);
    final Span summary = new Span();
    final Button compare = new Button("Compare selected", VaadinIcon.SPLIT.create());

    private final RunService runs;
    private final RunWatch watch;
    private final Alerts alerts;
    private RunsQuery query = RunsQuery.fromQuery(QueryParameters.empty());
    private List<RunSummary> all = List.of();
    private Map<Long, List<Incident>> open = Map.of();
    private @Nullable Subscription subscription;

    RunsView(RunService runs, RunWatch watch, Alerts alerts, Clock clock) {
        this.runs = runs;
        this.watch = watch;
        this.alerts = alerts;
        this.grid = new RunsTable(clock, (key, descending) -> change(query.withSort(key, descending)));
        setSizeFull();
        grid.addItemClickListener(e -> {
            // Null when the row was replaced by a live update between render and click.
            if (e.getItem() != null) {
                e.getSource().getUI().ifPresent(ui -> ui.navigate("runs/" + e.getItem().id()));
            }
        });
        grid.setSizeFull();
        grid.asMultiSelect().addValueChangeListener(e -> {
            compare.setEnabled(!e.getValue().isEmpty());
            compare.setText(e.getValue().isEmpty() ? "Compare selected" : "Compare " + e.getValue().size() + " runs");
        });
        compare.setEnabled(false);
        compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        compare.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("compare", QueryParameters.simple(Map.of(
                "runs", grid.asMultiSelect().getValue().stream().sorted(Comparator.comparing(RunSummary::id))
                        .map(r -> Long.toString(r.id())).collect(Collectors.joining(",")))))));

        var header = new HorizontalLayout(new H2("Runs"), compare);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.setWrap(true);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        addClassName("runs-view");
        add(header, filters, summary, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        all = runs.list();
        open = alerts.openByRun();
        query = RunsQuery.fromQuery(event.getLocation().getQueryParameters());
        showQuery();
    }

    /** A new filter, set of columns or order: applied to every run and remembered in the URL. */
    private void change(RunsQuery newQuery) {
        query = newQuery;
        showQuery();
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("", query.toQuery())));
    }

    private void showQuery() {
        filters.show(query, all);
        try {
            grid.show(query, all, open);
        } catch (RunFilter.InvalidRegex e) {
            filters.showInvalid(String.valueOf(e.getMessage()));
            return;
        }
        showSummary();
    }

    /** Live: the list changed (points, a status, a new run); rows are updated where they are. */
    void show(List<RunSummary> list, Map<Long, List<Incident>> openIncidents) {
        all = list;
        open = openIncidents;
        try {
            grid.update(list, openIncidents);
        } catch (RunFilter.InvalidRegex e) {
            return; // already shown on the field
        }
        showSummary();
    }

    private void showSummary() {
        long live = all.stream().filter(r -> r.status().name().equals("RUNNING")).count();
        int shown = grid.rows().size();
        summary.setText((shown == all.size() ? all.size() + " runs" : shown + " of " + all.size() + " runs")
                + ", " + live + " running");
    }

    RunsQuery query() {
        return query;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var ui = attachEvent.getUI();
        // One read of the list after changes, shared by every open runs list; one now, so that a change
        // committed between beforeEnter and this subscription is not missed.
        subscription = watch.watchList(list -> {
            Map<Long, List<Incident>> openIncidents = alerts.openByRun();
            UiThrottle.access(ui, () -> show(list, openIncidents));
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }
}
