package dev.descent.runs.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class RunsViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;

    @Test
    void the_grid_lists_runs_with_status_last_loss_and_point_count() {
        long id = runs.createOrResume("vision", "resnet-grid", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 0, null, 0.9, 1), new NewPoint("loss", 1, null, 0.5, 2),
                new NewPoint("val_loss", 1, null, 0.7, 2)));
        runs.changeStatus(id, RunStatus.FINISHED);

        RunsView view = navigate(RunsView.class);

        RunSummary row = rowFor(view, "resnet-grid");
        assertThat(row.project()).isEqualTo("vision");
        assertThat(row.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(row.lastLoss()).isEqualTo(0.5);
        assertThat(row.pointCount()).isEqualTo(3);
        assertThat(test(view.grid).getCellText(indexOf(view, "resnet-grid"), 4)).isEqualTo("0.500000");
        assertThat(view.summary.getText()).contains("runs");
    }

    @Test
    void a_diverged_run_shows_since_when_instead_of_nan() {
        long id = runs.createOrResume("vision", "resnet-diverged", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 0, null, 0.9, 1), new NewPoint("loss", 31, null, 1.87e6, 2),
                new NewPoint("loss", 32, null, Double.NaN, 3), new NewPoint("loss", 33, null, Double.POSITIVE_INFINITY, 4)));

        RunsView view = navigate(RunsView.class);

        assertThat(rowFor(view, "resnet-diverged").lastLoss()).isInfinite();
        assertThat(test(view.grid).getCellText(indexOf(view, "resnet-diverged"), 4)).isEqualTo("NaN since iteration 32");
        // A finite point after the streak makes it the current value again.
        runs.append(id, List.of(new NewPoint("loss", 34, null, 0.4, 5)));
        view = navigate(RunsView.class);
        assertThat(test(view.grid).getCellText(indexOf(view, "resnet-diverged"), 4)).isEqualTo("0.400000");
    }

    @Test
    void a_diverged_or_stalled_run_carries_a_badge_saying_so() {
        long diverged = runs.createOrResume("vision", "resnet-badge-nan", Map.of(), List.of()).run().id();
        runs.append(diverged, List.of(new NewPoint("loss", 0, null, 0.9, 1), new NewPoint("loss", 7, null, Double.NaN, 2)));
        long stalled = runs.createOrResume("vision", "resnet-badge-stalled", Map.of(), List.of()).run().id();
        runs.append(stalled, List.of(new NewPoint("loss", 0, null, 0.9, 1)));
        runs.markStalled(stalled, java.time.Instant.now().plusSeconds(1));
        long fine = runs.createOrResume("vision", "resnet-badge-fine", Map.of(), List.of()).run().id();

        RunsView view = navigate(RunsView.class);

        assertThat(badges(view, "resnet-badge-nan")).containsExactly("diverged");
        assertThat(badges(view, "resnet-badge-stalled")).containsExactly("stalled");
        assertThat(badges(view, "resnet-badge-fine")).isEmpty();
        var badge = (com.vaadin.flow.component.html.Span) test(view.grid)
                .getCellComponent(indexOf(view, "resnet-badge-nan"), "Alerts").getChildren().findFirst().orElseThrow();
        assertThat(badge.getElement().getAttribute("title")).contains("NaN at iteration 7");
        // The next point ends the stall.
        runs.append(stalled, List.of(new NewPoint("loss", 1, null, 0.8, 2)));
        assertThat(badges(navigate(RunsView.class), "resnet-badge-stalled")).isEmpty();
        assertThat(fine).isPositive();
    }

    private List<String> badges(RunsView view, String name) {
        return test(view.grid).getCellComponent(indexOf(view, name), "Alerts").getChildren()
                .map(c -> c.getElement().getAttribute("data-alert")).toList();
    }

    @Test
    void clicking_a_run_opens_its_page() {
        long id = runs.createOrResume("vision", "resnet-click", Map.of(), List.of()).run().id();
        RunsView view = navigate(RunsView.class);

        test(view.grid).clickRow(indexOf(view, "resnet-click"));

        assertThat(com.vaadin.flow.component.UI.getCurrent().getActiveViewLocation().getPath())
                .isEqualTo("runs/" + id);
    }

    @Test
    void new_runs_and_points_appear_without_reload() throws InterruptedException {
        RunsView view = navigate(RunsView.class);
        long id = runs.createOrResume("vision", "resnet-live", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 0, null, 0.25, 1)));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (rows(view).stream().noneMatch(r -> r.id() == id && r.pointCount() == 1)
                && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        assertThat(rowFor(view, "resnet-live").lastLoss()).isEqualTo(0.25);
    }

    @Test
    void selecting_several_runs_offers_to_compare_them() {
        long a = runs.createOrResume("vision", "cmp-one", Map.of(), List.of()).run().id();
        long b = runs.createOrResume("vision", "cmp-two", Map.of(), List.of()).run().id();
        RunsView view = navigate(RunsView.class);
        assertThat(view.compare.isEnabled()).isFalse();

        view.grid.asMultiSelect().select(rowFor(view, "cmp-one"), rowFor(view, "cmp-two"));
        assertThat(view.compare.getText()).isEqualTo("Compare 2 runs");
        test(view.compare).click();

        assertThat(com.vaadin.flow.component.UI.getCurrent().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("compare?runs=" + Math.min(a, b) + "%2C" + Math.max(a, b));
    }

    private long run(String project, String name, Map<String, Object> params, double... losses) {
        long id = runs.createOrResume(project, name, params, List.of()).run().id();
        List<NewPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            points.add(new NewPoint("loss", i, null, losses[i], i));
        }
        runs.append(id, points);
        return id;
    }

    private RunsView open(String query) {
        com.vaadin.flow.component.UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.fromString(query));
        return (RunsView) getCurrentView();
    }

    private static List<String> names(RunsView view) {
        return rows(view).stream().map(RunSummary::name).toList();
    }

    @Test
    void the_table_filters_by_name_project_and_parameter_value_and_keeps_it_in_the_url() {
        run("tbl-filter", "resnet18-a", Map.of("lr", 0.001), 1.0);
        run("tbl-filter", "resnet50-b", Map.of("lr", 0.01), 1.0);
        run("tbl-filter", "vit-c", Map.of("lr", 0.001), 1.0);
        run("tbl-other", "resnet18-d", Map.of("lr", 0.001), 1.0);

        RunsView view = open("project=tbl-filter&q=/resnet/&params=lr%3D1e-3");

        assertThat(names(view)).containsExactly("resnet18-a");
        assertThat(view.summary.getText()).startsWith("1 of ");
        assertThat(view.filters.params.getValue()).isEqualTo("lr=1e-3");

        test(view.filters.params).setValue("");
        assertThat(names(view)).containsExactlyInAnyOrder("resnet18-a", "resnet50-b");
        assertThat(view.query().toQuery().getQueryString()).contains("project=tbl-filter", "q=%2Fresnet%2F")
                .doesNotContain("params");
        test(view.filters.params).setValue("lr");
        assertThat(view.filters.params.isInvalid()).isTrue();
        assertThat(view.filters.params.getErrorMessage()).contains("name=value");
    }

    @Test
    void chosen_columns_show_min_loss_improvement_and_parameters_and_sort_by_them() {
        long a = run("tbl-cols", "cols-a", Map.of("lr", 0.1), 2.0, 0.5, 0.8);   // min 0.5 at 1, from 2.0 to 0.8: 60 %
        long b = run("tbl-cols", "cols-b", Map.of("lr", 0.01), 1.0, 0.9, 0.3);  // min 0.3 at 2, 70 %
        long c = run("tbl-cols", "cols-c", Map.of("lr", 0.001), 1.0, Double.NaN); // min 1.0, diverged

        RunsView view = open("project=tbl-cols&columns=minLoss,improvement,params.lr&sort=minLoss&order=asc");

        assertThat(names(view)).containsExactly("cols-b", "cols-a", "cols-c");
        assertThat(view.grid.getColumns()).extracting(col -> col.getKey())
                .containsExactly("project", "name", "status", "Alerts", "minLoss", "improvement", "params.lr");
        assertThat(test(view.grid).getCellText(0, 4)).isEqualTo("0.300000 (2)");
        assertThat(test(view.grid).getCellText(1, 5)).isEqualTo("+60.00 %");
        assertThat(test(view.grid).getCellText(2, 6)).isEqualTo("0.001");

        view = open("project=tbl-cols&columns=minLoss,params.lr&sort=params.lr&order=desc");
        assertThat(names(view)).as("numbers sort as numbers").containsExactly("cols-a", "cols-b", "cols-c");
        assertThat(a + b + c).isPositive();
    }

    @Test
    void live_values_update_rows_in_place_without_reordering_them() {
        long a = run("tbl-live", "live-a", Map.of(), 0.5);
        long b = run("tbl-live", "live-b", Map.of(), 0.7);
        RunsView view = open("project=tbl-live&columns=minLoss&sort=minLoss&order=asc");
        assertThat(names(view)).containsExactly("live-a", "live-b");

        runs.append(b, List.of(new NewPoint("loss", 1, null, 0.1, 1)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (rows(view).stream().noneMatch(r -> r.name().equals("live-b") && Double.valueOf(0.1).equals(r.minLoss()))
                && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }

        assertThat(rowFor(view, "live-b").minLoss()).isEqualTo(0.1);
        assertThat(names(view)).as("the row under the cursor stays where it is").containsExactly("live-a", "live-b");
        view = open("project=tbl-live&columns=minLoss&sort=minLoss&order=asc");
        assertThat(names(view)).as("sorted again when asked").containsExactly("live-b", "live-a");
        assertThat(a).isPositive();
    }

    private static List<RunSummary> rows(RunsView view) {
        return view.grid.getGenericDataView().getItems().toList();
    }

    private static RunSummary rowFor(RunsView view, String name) {
        return rows(view).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows(view)));
    }

    private static int indexOf(RunsView view, String name) {
        return rows(view).indexOf(rowFor(view, name));
    }
}
