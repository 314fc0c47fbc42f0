package dev.descent.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.watchdog.AlertEvent;
import dev.descent.watchdog.CreatedWebhook;
import dev.descent.watchdog.DeliveryAttempt;
import dev.descent.watchdog.InvalidWebhookException;
import dev.descent.watchdog.WebhookSummary;
import dev.descent.watchdog.Webhooks;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/** Webhooks: create one (its signing secret shown once), see its delivery log, delete it. Audited by the service. */
class WebhooksTab extends VerticalLayout {

    final Grid<WebhookSummary> webhooks = new Grid<>();
    final TextField url = new TextField("URL");
    final TextField project = new TextField("Project (empty: all)");
    final MultiSelectComboBox<AlertEvent> events = new MultiSelectComboBox<>("Events");
    final Button create = new Button("Create webhook");
    final Grid<DeliveryAttempt> deliveries = new Grid<>();

    private final Webhooks service;
    private final Runnable changed;

    WebhooksTab(Webhooks service, Runnable changed, String actor) {
        this.service = service;
        this.changed = changed;
        webhooks.addColumn(WebhookSummary::url).setHeader("URL").setFlexGrow(2);
        webhooks.addColumn(w -> w.project() == null ? "all" : w.project()).setHeader("Project").setAutoWidth(true);
        webhooks.addColumn(w -> w.events().stream().map(AlertEvent::id).collect(Collectors.joining(", ")))
                .setHeader("Events").setAutoWidth(true);
        webhooks.addColumn(w -> w.delivered() + " delivered, " + w.pending() + " pending, " + w.failed() + " failed")
                .setHeader("Deliveries").setAutoWidth(true);
        webhooks.addColumn(new ComponentRenderer<>(w -> {
            Button delete = new Button("Delete", e -> new ConfirmDialog("Delete webhook to " + w.url() + "?",
                    "Its pending deliveries are dropped.", "Delete", c -> {
                service.delete(w.id());
                changed.run();
            }).open());
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return delete;
        })).setAutoWidth(true);
        webhooks.setAllRowsVisible(true);
        webhooks.asSingleSelect().addValueChangeListener(e -> showDeliveries(e.getValue()));

        deliveries.addColumn(d -> AuditTab.time(d.updatedAt())).setHeader("Last attempt").setAutoWidth(true);
        deliveries.addColumn(d -> d.event().id()).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(DeliveryAttempt::state).setHeader("State").setAutoWidth(true);
        deliveries.addColumn(DeliveryAttempt::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(d -> d.lastError() != null ? d.lastError()
                : d.lastStatus() == null ? "" : "HTTP " + d.lastStatus()).setHeader("Answer").setAutoWidth(true);
        deliveries.addColumn(DeliveryAttempt::text).setHeader("Alert").setFlexGrow(2);
        deliveries.setVisible(false);

        url.setPlaceholder("https://hooks.slack.com/services/…");
        url.setWidth("28em");
        events.setItems(AlertEvent.values());
        events.setItemLabelGenerator(AlertEvent::id);
        events.setValue(EnumSet.allOf(AlertEvent.class));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            try {
                CreatedWebhook created = service.create(url.getValue(), project.getValue(),
                        events.getValue().stream().map(AlertEvent::id).toList(), actor);
                showOnce(created);
                url.clear();
                url.setInvalid(false);
                changed.run();
            } catch (InvalidWebhookException ex) {
                url.setInvalid(true);
                url.setErrorMessage(String.join("; ", ex.problems()));
            }
        });
        var form = new HorizontalLayout(url, project, events, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(form, webhooks, new Span("Select a webhook to see its deliveries."), deliveries);
    }

    void refresh() {
        List<WebhookSummary> all = service.list();
        webhooks.setItems(all);
        showDeliveries(webhooks.asSingleSelect().getValue());
    }

    private void showDeliveries(@org.jspecify.annotations.Nullable WebhookSummary selected) {
        deliveries.setVisible(selected != null);
        deliveries.setItems(selected == null ? List.of() : service.deliveries(selected.id(), 100).orElse(List.of()));
    }

    private static void showOnce(CreatedWebhook created) {
        Dialog dialog = new Dialog("Webhook " + created.webhook().url());
        TextField secret = new TextField("Signing secret: copy it now, it is shown only once");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidth("36em");
        secret.addClassName("webhook-secret");
        dialog.add(secret);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.open();
    }
}
