package dev.descent.monitor.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.ChartClickEvent;
import dev.descent.chart.LossChart;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor's "all series" dashboard (issue 16): one small chart per series, shared cursor, URL state, live. */
@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class SeriesDashboardTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;

    private long run(String name) {
        long id = runs.createOrResume("dashboard", name, Map.of(), List.of()).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(new NewPoint("loss", i, null, 2.0 / (1 + i), i));
            points.add(new NewPoint("lr", i, null, 1e-3 * (1 - i / 40.0), i));
            points.add(new NewPoint("grad_norm", i, null, 5.0 + i, i));
            if (i % 5 == 0) {
                points.add(new NewPoint("val_loss", i, null, 2.5 / (1 + i), i));
            }
        }
        runs.append(id, points);
        return id;
    }

    private TrainingMonitorView open(long id, String query) {
        UI.getCurrent().navigate("runs/" + id, QueryParameters.fromString(query));
        return (TrainingMonitorView) getCurrentView();
    }

    @Test
    void every_series_but_the_hidden_gets_a_small_chart_on_a_shared_cursor() {
        long id = run("dash-grid");

        TrainingMonitorView view = open(id, "view=dashboard&hide=val_loss");

        SeriesDashboard dashboard = view.dashboard;
        assertThat(dashboard).isNotNull();
        assertThat(dashboard.isVisible()).isTrue();
        assertThat(view.container.isVisible()).as("the big chart is put aside").isFalse();
        assertThat(dashboard.charts.keySet()).containsExactlyInAnyOrder("loss", "lr", "grad_norm");
        for (Map.Entry<String, LossChart> chart : dashboard.charts.entrySet()) {
            assertThat(chart.getValue().config().syncKey()).isEqualTo("run-" + id);
            assertThat(chart.getValue().config().yLabel()).as("its own y-axis").isEqualTo(chart.getKey());
            assertThat(chart.getValue().pointCount(chart.getKey())).isEqualTo(20);
        }
        assertThat(dashboard.shown.getValue()).containsExactlyInAnyOrder("loss", "lr", "grad_norm");

        dashboard.shown.setValue(Set.of("loss"));
        assertThat(view.container.state().hidden()).containsExactlyInAnyOrder("lr", "grad_norm", "val_loss");
        assertThat(view.container.state().toQuery().getQueryString()).contains("view=dashboard", "hide=");
    }

    @Test
    void clicking_a_small_chart_opens_its_series_in_the_big_chart() {
        long id = run("dash-click");
        TrainingMonitorView view = open(id, "view=dashboard");
        LossChart gradNorm = view.dashboard.charts.get("grad_norm");

        ComponentUtil.fireEvent(gradNorm, new ChartClickEvent(gradNorm, true, 7.0));

        assertThat(view.container.isVisible()).isTrue();
        assertThat(view.dashboard.isVisible()).isFalse();
        assertThat(view.container.state().series()).containsExactly("grad_norm");
        assertThat(view.container.state().dashboard()).isFalse();
        assertThat(view.container.chart.pointCount("grad_norm")).isEqualTo(20);
    }

    @Test
    void new_points_reach_their_small_chart_and_a_new_series_gets_one() {
        long id = run("dash-live");
        TrainingMonitorView view = open(id, "view=dashboard");

        runs.append(id, List.of(new NewPoint("lr", 20, null, 5e-4, 20), new NewPoint("accuracy", 20, null, 0.9, 20)));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(view.dashboard.charts.containsKey("accuracy") && view.dashboard.charts.get("lr").pointCount("lr") == 21)
                && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        assertThat(view.dashboard.charts.get("lr").pointCount("lr")).isEqualTo(21);
        assertThat(view.dashboard.charts).containsKey("accuracy");
    }

    @Test
    void a_cleared_history_empties_the_small_charts() {
        long id = run("dash-clear");
        TrainingMonitorView view = open(id, "view=dashboard");
        assertThat(view.dashboard.charts).isNotEmpty();

        runs.clearHistory(id);

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!view.dashboard.charts.isEmpty() && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        assertThat(view.dashboard.charts).as("no series left to draw").isEmpty();
    }

    @Test
    void points_that_arrive_while_the_dashboard_is_put_aside_are_there_when_it_is_shown_again() {
        long id = run("dash-aside");
        TrainingMonitorView view = open(id, "view=dashboard");
        test(view.chartMode).click();
        assertThat(view.dashboard.isVisible()).isFalse();

        runs.append(id, List.of(new NewPoint("lr", 20, null, 5e-4, 20)));
        runPendingSignalsTasks(); // the live update reaches the hidden dashboard, which leaves it
        roundTrip();
        test(view.dashboardMode).click();

        assertThat(view.dashboard.isVisible()).isTrue();
        assertThat(view.dashboard.charts.get("lr").pointCount("lr")).isEqualTo(21);
    }
}
