package dev.descent.monitor.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.run.NewPoint;
import dev.descent.run.RunEvents;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class TrainingMonitorViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;
    @Autowired
    RunEvents events;
    @Autowired
    dev.descent.run.RunWatch watch;
    @Autowired
    dev.descent.watchdog.Alerts alerts;

    private long runWithPoints(String name) {
        long id = runs.createOrResume("monitor", name, Map.of("lr", 0.01), List.of()).run().id();
        runs.append(id, List.of(
                new NewPoint("loss", 0, 0.0, 2.0, 1000), new NewPoint("loss", 1, 0.5, 1.0, 2000),
                new NewPoint("loss", 2, 1.0, 0.5, 3000), new NewPoint("val_loss", 2, 1.0, 0.9, 3000)));
        return id;
    }

    private TrainingMonitorView open(long id, String query) {
        UI.getCurrent().navigate("runs/" + id, QueryParameters.fromString(query));
        return (TrainingMonitorView) getCurrentView();
    }

    @Test
    void the_container_composes_graph_cards_and_controls_for_the_run() {
        long id = runWithPoints("composed");

        LossGraphContainer container = open(id, "").container;

        assertThat(container.chart.seriesIds())
                .containsExactly("loss", "loss (EMA)", "epoch", "val_loss", "val_loss (EMA)");
        assertThat(container.chart.pointCount("loss")).isEqualTo(3);
        assertThat(container.cards.current.value()).isEqualTo("0.500000");
        assertThat(container.cards.min.value()).isEqualTo("0.500000");
        assertThat(container.cards.improvement.value()).isEqualTo("+75.00 %");
        assertThat(container.cards.rate.value()).isEqualTo("-1.500000");
        assertThat(container.controls.series.getValue()).containsExactlyInAnyOrder("loss", "val_loss");
    }

    @Test
    void changing_a_control_changes_what_the_chart_is_told_and_the_url() {
        long id = runWithPoints("controlled");
        LossGraphContainer container = open(id, "").container;

        test(container.controls.scale).selectItem("Logarithmic");
        assertThat(container.chart.getYScale()).isEqualTo(YScale.LOG);

        test(container.controls.showEma).click();
        assertThat(container.chart.seriesIds()).doesNotContain("loss (EMA)", "val_loss (EMA)");

        test(container.controls.xMode).selectItem("Epoch");
        assertThat(container.chart.config().xLabel()).isEqualTo("epoch");
        assertThat(container.state().toQuery().getQueryString())
                .contains("scale=log", "ema=false", "x=epoch");
    }

    @Test
    void the_url_query_restores_a_shared_view() {
        long id = runWithPoints("shared");

        LossGraphContainer container = open(id, "series=val_loss&smoothing=0.8&scale=log&x=epoch&target=0.6").container;

        assertThat(container.chart.seriesIds()).containsExactly("val_loss", "val_loss (EMA)");
        assertThat(container.chart.getYScale()).isEqualTo(YScale.LOG);
        assertThat(container.controls.smoothing.getValue()).isEqualTo(0.8);
        assertThat(container.state().targetLoss()).isEqualTo(0.6);
        assertThat(container.cards.current.value()).as("cards follow the first series").isEqualTo("0.900000");
    }

    @Test
    void clear_history_asks_for_confirmation_stating_the_count_then_empties_the_run() {
        long id = runWithPoints("to-clear");
        LossGraphContainer container = open(id, "").container;

        test(container.controls.clearHistory).click();
        ConfirmDialog dialog = $(ConfirmDialog.class).single();
        assertThat(test(dialog).getText()).contains("4 points of run to-clear");
        assertThat(runs.readSeries(id, "loss").size()).as("nothing deleted before confirming").isEqualTo(3);

        test(dialog).confirm();

        assertThat(runs.readSeries(id, "loss").size()).isZero();
        assertThat(runs.get(id).pointCount()).isZero();
        waitFor(() -> container.chart.pointCount("loss") == 0);
        assertThat(container.cards.current.value()).isEqualTo("—");
    }

    @Test
    void new_points_reach_the_chart_and_cards_without_reload() {
        long id = runWithPoints("live");
        LossGraphContainer container = open(id, "").container;

        runs.append(id, List.of(new NewPoint("loss", 3, 1.5, 0.25, 4000), new NewPoint("loss", 4, 2.0, 0.2, 5000)));

        waitFor(() -> container.chart.pointCount("loss") == 5);
        assertThat(container.cards.current.value()).isEqualTo("0.200000");
        assertThat(container.cards.min.value()).isEqualTo("0.200000");
        assertThat(container.chart.pointCount("loss (EMA)")).isEqualTo(5);
    }

    @Test
    void a_diverged_run_says_where_in_the_cards() {
        long id = runWithPoints("diverged");
        runs.append(id, List.of(new NewPoint("loss", 3, 1.5, Double.NaN, 4000)));

        LossGraphContainer container = open(id, "").container;

        assertThat(container.cards.divergence.isVisible()).isTrue();
        assertThat(container.cards.divergence.getText()).startsWith("Diverged at iteration 3");
        // One current value everywhere: the card says what the runs list and the comparison say.
        assertThat(container.cards.current.value()).isEqualTo("NaN since iteration 3");
        assertThat(container.cards.current.detail.getText()).isEqualTo("last finite 0.500000 at iteration 2");
        var row = runs.find(id).orElseThrow();
        assertThat(row.lossNonFiniteSince()).isEqualTo(3L);
        assertThat(row.lastFiniteLoss()).isEqualTo(0.5);
        assertThat(dev.descent.base.ui.Formats.current(row.lastFiniteLoss(), row.lossNonFiniteSince()))
                .isEqualTo(container.cards.current.value());
    }

    @Test
    void notes_and_tags_are_edited_in_the_monitor_and_shown_as_text() {
        long id = runWithPoints("annotated");
        TrainingMonitorView view = open(id, "");
        RunNotes notes = java.util.Objects.requireNonNull(view.notes);

        test(notes.edit).click();
        notes.notesField.setValue("<b>not markup</b>\nLR too high after step 3k.");
        notes.tagsField.setItems("ablation", "clip");
        notes.tagsField.setValue(java.util.Set.of("ablation"));
        test(notes.save).click();

        var run = runs.find(id).orElseThrow();
        assertThat(run.notes()).isEqualTo("<b>not markup</b>\nLR too high after step 3k.");
        assertThat(run.tags()).containsExactly("ablation");
        assertThat(notes.notes.getText()).isEqualTo("<b>not markup</b>\nLR too high after step 3k.");
        assertThat(notes.notes.getElement().getChildren()).as("text, not markup")
                .allMatch(com.vaadin.flow.dom.Element::isTextNode);
        assertThat(notes.editFieldsVisible()).isFalse();

        test(notes.edit).click();
        notes.notesField.setValue("x".repeat(10_001));
        test(notes.save).click();
        assertThat(notes.error.getText()).contains("at most 10000 characters");
        assertThat(runs.find(id).orElseThrow().notes()).as("unchanged").startsWith("<b>not markup</b>");
    }

    @Test
    void a_run_that_goes_nan_while_watched_says_so_live_in_a_notification_and_a_badge() {
        long id = runWithPoints("goes-nan");
        TrainingMonitorView view = open(id, "");
        assertThat(view.alertBadges.getChildren()).isEmpty();

        runs.append(id, List.of(new NewPoint("loss", 3, 1.5, Double.NaN, 4000)));

        waitFor(() -> view.alertBadges.getChildren().anyMatch(c -> "diverged".equals(c.getElement().getAttribute("data-alert"))));
        var notification = $(com.vaadin.flow.component.notification.Notification.class).first();
        assertThat(test(notification).getText()).contains("monitor/goes-nan: loss diverged (NaN at iteration 3)");
    }

    @Test
    void a_run_without_epochs_is_not_marked_as_diverged_at_every_step() {
        long id = runs.createOrResume("monitor", "no-epochs", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 0, null, 2.0, 1000), new NewPoint("loss", 1, null, 1.0, 2000),
                new NewPoint("loss", 2, null, Double.NaN, 3000)));
        TrainingMonitorView view = open(id, "");
        var chart = java.util.Objects.requireNonNull(view.container).chart;

        assertThat(chart.shownPoints(LossGraphContainer.EPOCH_READOUT)).allSatisfy(p -> assertThat(p.nonFiniteX())
                .as("no epoch is not a divergence").isEmpty());
        assertThat(chart.shownPoints("loss")).flatExtracting(p -> java.util.Arrays.stream(p.nonFiniteX()).boxed().toList())
                .as("the NaN loss is").containsExactly(2.0);

        runs.append(id, List.of(new NewPoint("loss", 3, null, 0.5, 4000)));
        waitFor(() -> chart.pointCount("loss") == 4);
        assertThat(chart.shownPoints(LossGraphContainer.EPOCH_READOUT)).allSatisfy(p -> assertThat(p.nonFiniteX()).isEmpty());
    }

    @Test
    void closing_the_view_unsubscribes_from_live_events() {
        long id = runWithPoints("leak");
        UI.getCurrent().navigate("compare");
        int before = events.listenerCount();
        int watchersBefore = watch.watcherCount();
        int alertListenersBefore = alerts.listenerCount();

        open(id, "");
        assertThat(events.listenerCount()).as("graph points, graph history").isEqualTo(before + 2);
        assertThat(watch.watcherCount()).as("view header").isEqualTo(watchersBefore + 1);
        assertThat(alerts.listenerCount()).as("live alerts").isEqualTo(alertListenersBefore + 1);

        UI.getCurrent().navigate("compare");
        assertThat(events.listenerCount()).as("every subscription of the closed view is gone").isEqualTo(before);
        assertThat(watch.watcherCount()).as("the header stopped watching").isEqualTo(watchersBefore);
        assertThat(alerts.listenerCount()).as("no more alerts for a closed view").isEqualTo(alertListenersBefore);
    }

    @Test
    void zooming_re_reads_the_range_at_full_resolution_and_double_click_resets() {
        long id = runs.createOrResume("monitor", "zoomable", Map.of(), List.of()).run().id();
        List<NewPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            points.add(new NewPoint("loss", i, i / 100.0, 1.0 / (1 + i) + (i == 12_345 ? 5 : 0), i));
        }
        runs.append(id, points);
        LossGraphContainer container = open(id, "series=loss&ema=false").container;
        assertThat(container.chart.pointCount("loss")).as("downsampled").isLessThan(20_000);

        com.vaadin.flow.component.ComponentUtil.fireEvent(container.chart,
                new dev.descent.chart.ZoomEvent(container.chart, true, 12_000.0, 12_999.0, 800));
        assertThat(container.chart.pointCount("loss")).as("every point of the range").isEqualTo(1000);

        com.vaadin.flow.component.ComponentUtil.fireEvent(container.chart,
                new dev.descent.chart.ZoomEvent(container.chart, true, null, null, 800));
        assertThat(container.chart.pointCount("loss")).isLessThanOrEqualTo(4 * 800);
    }

    @Test
    void a_learning_rate_is_drawn_on_its_own_right_hand_axis() {
        long id = runWithPoints("with-lr");
        runs.append(id, List.of(new NewPoint("lr", 0, 0.0, 3e-4, 1000), new NewPoint("lr", 1, 0.5, 2e-4, 2000)));

        LossGraphContainer container = open(id, "series=loss,lr").container;

        var axes = container.chart.config().series().stream()
                .collect(java.util.stream.Collectors.toMap(s -> s.id(), s -> s.axis()));
        assertThat(axes.get("loss")).isEqualTo(dev.descent.chart.SeriesStyle.YAxis.LEFT);
        assertThat(axes.get("lr")).isEqualTo(dev.descent.chart.SeriesStyle.YAxis.RIGHT);
        assertThat(axes).as("no moving average of a learning rate unless asked").doesNotContainKey("lr (EMA)")
                .containsKey("loss (EMA)");

        test(container.controls.emaAll).click();
        assertThat(container.chart.seriesIds()).contains("lr (EMA)");
        assertThat(container.state().toQuery().getQueryString()).contains("ema=all");
        assertThat(open(id, "series=loss,lr&ema=all").container.chart.seriesIds()).contains("lr (EMA)", "loss (EMA)");
    }

    @Test
    void a_zoom_is_kept_in_the_url_and_a_link_with_it_opens_the_same_window() {
        long id = runs.createOrResume("monitor", "zoom-link", Map.of(), List.of()).run().id();
        List<NewPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            points.add(new NewPoint("loss", i, i / 100.0, 1.0 / (1 + i), i));
        }
        runs.append(id, points);
        LossGraphContainer container = open(id, "series=loss&ema=false").container;

        com.vaadin.flow.component.ComponentUtil.fireEvent(container.chart,
                new dev.descent.chart.ZoomEvent(container.chart, true, 1_000.0, 1_499.0, 800));

        test(container.controls.scale).selectItem("Logarithmic");
        String query = container.state().toQuery().getQueryString();
        assertThat(query).as("a control changed after the zoom keeps it").contains("from=1000", "to=1499", "scale=log");
        LossGraphContainer shared = open(id, query).container;
        assertThat(shared.chart.pointCount("loss")).as("the window, every point of it").isEqualTo(500);

        // A point logged after the window while zoomed is not drawn: it would join the window's end to it.
        runs.append(id, List.of(new NewPoint("loss", 9_000, 90.0, 0.5, 9_000)));
        shared.append(List.of(new NewPoint("loss", 9_000, 90.0, 0.5, 9_000)));
        assertThat(shared.chart.pointCount("loss")).isEqualTo(500);

        com.vaadin.flow.component.ComponentUtil.fireEvent(shared.chart,
                new dev.descent.chart.ZoomEvent(shared.chart, true, null, null, 800));
        assertThat(shared.state().toQuery().getQueryString()).doesNotContain("from=", "to=");
    }

    @Test
    void a_control_change_sends_the_chart_configuration_once() {
        long id = runWithPoints("configured-once");
        LossGraphContainer container = open(id, "").container;
        pendingCalls();

        test(container.controls.xMode).selectItem("Epoch");

        assertThat(pendingCalls().stream().filter(e -> e.contains(".configure(")).count()).isEqualTo(1);
    }

    @Test
    void a_new_smoothing_sends_only_the_smoothed_lines_computed_from_the_held_values() {
        long id = runWithPoints("resmoothed");
        LossGraphContainer container = open(id, "smoothing=0.6").container;
        runs.append(id, List.of(new NewPoint("loss", 3, 1.5, 0.25, 4000)));
        waitFor(() -> container.chart.pointCount("loss") == 4);
        pendingCalls();

        container.controls.smoothing.setValue(0.9);

        List<String> calls = pendingCalls();
        assertThat(calls).as("no new configuration: uPlot keeps its instance").noneMatch(c -> c.contains(".configure("));
        assertThat(calls.stream().filter(c -> c.contains(".setPoints(")).count()).as("loss EMA and val_loss EMA")
                .isEqualTo(2);
        // Independently: TensorBoard's debiased EMA of 2.0, 1.0, 0.5, 0.25 (the last point arrived live).
        double[] values = {2.0, 1.0, 0.5, 0.25};
        double last = 0;
        double debias = 0;
        List<Double> expected = new java.util.ArrayList<>();
        for (double v : values) {
            last = 0.9 * last + 0.1 * v;
            debias = 0.9 * debias + 0.1;
            expected.add(last / debias);
        }
        var shown = container.chart.shownPoints("loss (EMA)");
        assertThat(shown).hasSize(1);
        Double[] ema = shown.getFirst().y();
        assertThat(ema).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ema[i]).isCloseTo(expected.get(i), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(container.chart.pointCount("loss")).as("the raw line is untouched").isEqualTo(4);
    }

    private static List<String> pendingCalls() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(i -> i.getInvocation().getExpression()).toList();
    }

    private void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            runPendingSignalsTasks();
            roundTrip();
        }
    }
}
