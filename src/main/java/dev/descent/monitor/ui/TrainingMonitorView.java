package dev.descent.monitor.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.descent.base.ui.AlertBadge;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.base.LiveScheduler;
import dev.descent.base.ui.UiThrottle;
import dev.descent.run.RunEvents;
import dev.descent.run.RunNotFoundException;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.RunWatch;
import dev.descent.run.Subscription;
import dev.descent.watchdog.AlertEvent;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.stream.Collectors;

/** The training monitor of one run: header with live status, then graph, metric cards and controls. */
@jakarta.annotation.security.PermitAll
@Route("runs/:runId(\\d{1,18})")
class TrainingMonitorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final H2 title = new H2();
    final StatusBadge status = new StatusBadge("RUNNING");
    /** Badges of what the watchdog found and is still true: stalled, diverged, on a plateau. */
    final Span alertBadges = new Span();
    final Span details = new Span();
    final Div params = new Div();

    final Span deleted = new Span("This run was deleted by an admin.");

    private final RunService runs;
    private final RunEvents events;
    private final RunWatch watch;
    private final LiveScheduler scheduler;
    private final Alerts alerts;
    private final boolean admin;
    /** The big chart with its cards and controls, or every series at a glance. */
    final Button chartMode = new Button("Chart");
    final Button dashboardMode = new Button("All series");
    final HorizontalLayout mode = new HorizontalLayout(chartMode, dashboardMode);
    @Nullable LossGraphContainer container;
    @Nullable SeriesDashboard dashboard;
    @Nullable RunNotes notes;
    private @Nullable RunSummary run;
    private @Nullable Subscription subscription;
    private @Nullable Subscription incidents;

    TrainingMonitorView(RunService runs, RunEvents events, RunWatch watch, LiveScheduler scheduler, Alerts alerts,
                        AuthenticationContext auth) {
        this.runs = runs;
        this.events = events;
        this.watch = watch;
        this.scheduler = scheduler;
        this.alerts = alerts;
        this.admin = auth.hasRole("ADMIN");
        deleted.addClassName("run-deleted");
        deleted.setVisible(false);
        setWidthFull();
        alertBadges.addClassName("run-alerts");
        var header = new HorizontalLayout(title, status, alertBadges);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        details.addClassName("run-details");
        params.addClassName("run-params");
        add(header, deleted, details, params);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long runId = Long.parseLong(event.getRouteParameters().get("runId").orElseThrow());
        RunSummary summary = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        run = summary;
        showRun(summary);
        showAlerts(summary, openIncidents(runId));
        if (notes == null) {
            notes = new RunNotes(runs, summary);
            addComponentAtIndex(getComponentCount() == 4 ? 4 : getComponentCount(), notes);
        }
        MonitorState state = MonitorState.fromQuery(event.getLocation().getQueryParameters(), runs.seriesNames(runId));
        if (container == null) {
            container = new LossGraphContainer(runs, events, scheduler, runId, state, this::remember);
            // Only admins may clear; the service checks it again for any crafted request.
            container.controls.clearHistory.setVisible(admin);
            mode.addClassName("monitor-mode");
            mode.setSpacing(false);
            chartMode.addClickListener(e -> showDashboard(false));
            dashboardMode.addClickListener(e -> showDashboard(true));
            dashboardMode.setTooltipText("Every series of the run at a glance, one small chart each");
            add(mode, container);
        } else if (!container.state().equals(state)) {
            container.apply(state);
        }
        showMode(state);
    }

    /** The tab chosen: the URL keeps it, and the dashboard is built when first shown. */
    private void showDashboard(boolean on) {
        LossGraphContainer c = container;
        if (c != null) {
            c.apply(c.state().withDashboard(on));
            showMode(c.state());
        }
    }

    private void showMode(MonitorState state) {
        LossGraphContainer c = container;
        if (c == null) {
            return;
        }
        chartMode.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dashboardMode.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        (state.dashboard() ? dashboardMode : chartMode).addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        c.setVisible(!state.dashboard());
        SeriesDashboard d = dashboard;
        if (state.dashboard()) {
            if (d == null) {
                d = new SeriesDashboard(runs, events, scheduler, requireRun().id(), this::openInChart,
                        hidden -> c.apply(c.state().withHidden(hidden)));
                dashboard = d;
                add(d);
                getUI().ifPresent(d::attach);
            }
            d.setVisible(true);
            d.show(state.hidden());
        } else if (d != null) {
            d.setVisible(false);
        }
    }

    /** A small chart was clicked: that series alone in the big chart. */
    private void openInChart(String series) {
        LossGraphContainer c = container;
        if (c != null) {
            c.apply(c.state().withSeries(List.of(series)).withDashboard(false));
            showMode(c.state());
        }
    }

    @Override
    public String getPageTitle() {
        return (run == null ? "Run" : run.name()) + " · Descent";
    }

    private void remember(MonitorState state) {
        RunSummary shown = run;
        if (shown != null) {
            getUI().ifPresent(ui -> ui.getPage().getHistory()
                    .replaceState(null, new Location("runs/" + shown.id(), state.toQuery())));
        }
    }

    private void showRun(RunSummary summary) {
        title.setText(summary.name());
        status.setStatus(summary.status().name());
        details.setText(summary.project() + " · " + Formats.count(summary.pointCount()) + " points · updated "
                + summary.updatedAt().toString().replace('T', ' ').substring(0, 19) + " UTC");
        params.setText(summary.params().isEmpty() ? "" : summary.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  ")));
        if (notes != null) {
            notes.show(summary);
        }
    }

    private List<Incident> openIncidents(long runId) {
        return alerts.forRun(runId, 50).stream()
                .filter(i -> i.open() && (i.event() == AlertEvent.DIVERGED || i.event() == AlertEvent.PLATEAU))
                .toList();
    }

    private void showAlerts(RunSummary summary, List<Incident> open) {
        alertBadges.removeAll();
        if (summary.stalled()) {
            alertBadges.add(new AlertBadge("stalled", "No point since " + Formats.utc(summary.stalledSince())
                    + " while the run says it is running"));
        }
        open.forEach(i -> alertBadges.add(new AlertBadge(i.event().id(), i.text())));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        long runId = requireRun().id();
        var ui = attachEvent.getUI();
        if (dashboard != null) {
            dashboard.attach(ui);
        }
        // Told live, on top of the badge: someone watching the run should not miss that it just went NaN.
        incidents = alerts.onIncident(incident -> {
            if (incident.runId() == runId) {
                UiThrottle.access(ui, () -> {
                    Notification n = Notification.show(incident.text(), 10_000, Notification.Position.TOP_END);
                    n.addThemeVariants(incident.event() == AlertEvent.FINISHED ? NotificationVariant.LUMO_SUCCESS
                            : NotificationVariant.LUMO_ERROR);
                    n.addClassName("alert-notification");
                });
            }
        });
        // One read of the run after its changes, shared by every monitor of it.
        subscription = watch.watchRun(runId, found -> {
            List<Incident> open = found.isPresent() ? openIncidents(runId) : List.of();
            UiThrottle.access(ui, () -> found.ifPresentOrElse(summary -> {
            run = summary;
            showRun(summary);
            showAlerts(summary, open);
        }, () -> {
            deleted.setVisible(true);
            status.setStatus("DELETED");
            alertBadges.removeAll();
        }));
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (dashboard != null) {
            dashboard.detach();
        }
        if (incidents != null) {
            incidents.cancel();
            incidents = null;
        }
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    private RunSummary requireRun() {
        if (run == null) {
            throw new IllegalStateException("monitor attached before navigation");
        }
        return run;
    }

}
