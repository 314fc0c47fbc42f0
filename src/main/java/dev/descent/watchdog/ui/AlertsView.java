package dev.descent.watchdog.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.descent.base.LiveScheduler;
import dev.descent.base.ui.AlertBadge;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.UiThrottle;
import dev.descent.run.Subscription;
import dev.descent.watchdog.AlertEvent;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;

import java.util.EnumSet;

/**
 * A signed-in user's alerts: the newest incidents of the events they chose, unread ones in bold, new ones added
 * live. "Mark all read" remembers where they are, per user, in the database.
 */
@jakarta.annotation.security.PermitAll
@Route("alerts")
@PageTitle("Alerts · Descent")
class AlertsView extends VerticalLayout implements BeforeEnterObserver {

    static final int SHOWN = 200;

    final Grid<Incident> grid = new Grid<>();
    final Span summary = new Span();
    final MultiSelectComboBox<AlertEvent> events = new MultiSelectComboBox<>("Show");
    final Button markRead = new Button("Mark all read");

    private final Alerts alerts;
    private final String user;
    private Alerts.Inbox inbox = new Alerts.Inbox(java.util.List.of(), 0, 0);
    private @Nullable Subscription subscription;
    /** True while the view shows the stored choice, which is not a new choice to store. */
    private boolean showingChoice;

    private final LiveScheduler scheduler;

    AlertsView(Alerts alerts, LiveScheduler scheduler, AuthenticationContext auth) {
        this.alerts = alerts;
        this.scheduler = scheduler;
        this.user = auth.getPrincipalName().orElse("anonymous");
        setSizeFull();
        grid.addColumn(i -> Formats.utc(i.detectedAt())).setHeader("When").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(i -> new AlertBadge(i.event().id(), i.text()))).setHeader("Event")
                .setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(i -> {
            Anchor run = new Anchor("runs/" + i.runId(), i.project() + "/" + i.run());
            return run;
        })).setHeader("Run").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(i -> {
            Span text = new Span(i.text());
            if (inbox.unread(i)) {
                text.addClassName("alert-unread");
            }
            return text;
        })).setHeader("What happened").setFlexGrow(3);
        grid.addColumn(i -> i.resolvedAt() == null ? "" : "ended " + Formats.utc(i.resolvedAt())).setHeader("Ended")
                .setAutoWidth(true);
        grid.setSizeFull();
        grid.setPartNameGenerator(i -> inbox.unread(i) ? "unread" : null);

        events.setItems(AlertEvent.values());
        events.setItemLabelGenerator(AlertEvent::id);
        events.addValueChangeListener(e -> {
            if (!showingChoice) {
                alerts.chooseEvents(user, e.getValue().isEmpty() ? EnumSet.noneOf(AlertEvent.class)
                        : EnumSet.copyOf(e.getValue()));
                refresh();
            }
        });
        markRead.addClickListener(e -> {
            alerts.markAllRead(user);
            refresh();
        });
        var header = new HorizontalLayout(new H2("Alerts"), events, markRead);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);
        add(header, summary, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        showingChoice = true;
        events.setValue(alerts.eventsOf(user));
        showingChoice = false;
        refresh();
    }

    void refresh() {
        show(alerts.inbox(user, SHOWN));
    }

    private void show(Alerts.Inbox fresh) {
        inbox = fresh;
        grid.setItems(fresh.incidents());
        summary.setText(fresh.unread() == 0 ? "No unread alerts." : fresh.unread() + " unread");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var ui = attachEvent.getUI();
        // Told on the committing thread: the read happens on the live scheduler, not on the writer's time.
        subscription = alerts.onIncident(incident -> scheduler.schedule(() -> {
            Alerts.Inbox fresh = alerts.inbox(user, SHOWN);
            UiThrottle.access(ui, () -> show(fresh));
        }, java.time.Duration.ZERO));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }
}
