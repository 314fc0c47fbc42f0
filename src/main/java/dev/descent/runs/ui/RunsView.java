package dev.descent.runs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.descent.base.ui.AlertBadge;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.base.ui.UiThrottle;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.RunWatch;
import dev.descent.run.Subscription;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@jakarta.annotation.security.PermitAll
@Route("")
@PageTitle("Runs · Descent")
class RunsView extends VerticalLayout implements BeforeEnterObserver {

    final Grid<RunSummary> grid = new Grid<>();
    final Span summary = new Span();
    final Button compare = new Button("Compare selected", VaadinIcon.SPLIT.create());
    private final List<RunSummary> rows = new ArrayList<>();
    /** Open divergences and plateaus by run, read with the list. */
    private Map<Long, List<Incident>> open = Map.of();

    private final RunService runs;
    private final RunWatch watch;
    private final Alerts alerts;
    private final Clock clock;
    private @Nullable Subscription subscription;

    RunsView(RunService runs, RunWatch watch, Alerts alerts, Clock clock) {
        this.runs = runs;
        this.watch = watch;
        this.alerts = alerts;
        this.clock = clock;
        setSizeFull();

        grid.addColumn(RunSummary::project).setHeader("Project").setSortable(true).setAutoWidth(true);
        grid.addColumn(RunSummary::name).setHeader("Run").setSortable(true).setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name())))
                .setHeader("Status").setAutoWidth(true)
                .setComparator(r -> r.status().name());
        grid.addColumn(new ComponentRenderer<>(this::alertBadges)).setHeader("Alerts").setKey("Alerts").setAutoWidth(true)
                .setComparator(r -> -(open.getOrDefault(r.id(), List.of()).size() + (r.stalled() ? 1 : 0)));
        grid.addColumn(r -> Formats.current(r.lastFiniteLoss(), r.lossNonFiniteSince())).setHeader("Current loss")
                .setTooltipGenerator(r -> Formats.currentDetail(r.lastFiniteLoss(), null, r.lossNonFiniteSince()))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                // Diverged runs last, like runs without a loss.
                .setComparator(r -> r.lastFiniteLoss() == null || r.lossNonFiniteSince() != null ? Double.MAX_VALUE
                        : r.lastFiniteLoss());
        grid.addColumn(r -> Formats.count(r.pointCount())).setHeader("Points")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setComparator(RunSummary::pointCount);
        grid.addColumn(r -> Formats.ago(r.updatedAt(), clock.instant())).setHeader("Last update")
                .setAutoWidth(true).setComparator(RunSummary::updatedAt);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> {
            // Null when the row was replaced by a live update between render and click.
            if (e.getItem() != null) {
                e.getSource().getUI().ifPresent(ui -> ui.navigate("runs/" + e.getItem().id()));
            }
        });
        // Rows keep their identity (the run id) across live refreshes, so a click never hits a stale row.
        grid.setItems(rows).setIdentifierProvider(RunSummary::id);
        grid.setSizeFull();
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.asMultiSelect().addValueChangeListener(e -> {
            compare.setEnabled(!e.getValue().isEmpty());
            compare.setText(e.getValue().isEmpty() ? "Compare selected" : "Compare " + e.getValue().size() + " runs");
        });
        compare.setEnabled(false);
        compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        compare.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("compare", QueryParameters.simple(Map.of(
                "runs", grid.asMultiSelect().getValue().stream().sorted(java.util.Comparator.comparing(RunSummary::id))
                        .map(r -> Long.toString(r.id())).collect(Collectors.joining(",")))))));

        var header = new HorizontalLayout(new H2("Runs"), compare);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        add(header, summary, grid);
    }

    private Span alertBadges(RunSummary run) {
        Span badges = new Span();
        badges.addClassName("run-alerts");
        if (run.stalled()) {
            badges.add(new AlertBadge("stalled", "No point since " + Formats.utc(run.stalledSince())
                    + " while the run says it is running"));
        }
        open.getOrDefault(run.id(), List.of()).forEach(i -> badges.add(new AlertBadge(i.event().id(), i.text())));
        return badges;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(runs.list(), alerts.openByRun());
    }

    void show(List<RunSummary> list, Map<Long, List<Incident>> openIncidents) {
        open = openIncidents;
        rows.clear();
        rows.addAll(list);
        grid.getDataProvider().refreshAll();
        long live = list.stream().filter(r -> r.status().name().equals("RUNNING")).count();
        summary.setText(list.size() + " runs, " + live + " running");
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
