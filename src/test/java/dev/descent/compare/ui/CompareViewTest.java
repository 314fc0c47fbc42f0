package dev.descent.compare.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class CompareViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;

    private long run(String project, String name, double lr, List<String> tags) {
        long id = runs.createOrResume(project, name, Map.of("lr", lr, "batch", 64), tags).run().id();
        List<NewPoint> points = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> points.add(new NewPoint("loss", i, i / 10.0, 2.0 / (1 + i * lr), i)));
        runs.append(id, points);
        return id;
    }

    private CompareView open(String query) {
        UI.getCurrent().navigate("compare", QueryParameters.fromString(query));
        return (CompareView) getCurrentView();
    }

    @Test
    void filter_by_substring_regex_project_status_and_tag() {
        run("cmp-filter", "resnet18-lr1e-3", 0.1, List.of("baseline"));
        run("cmp-filter", "resnet50-lr3e-4", 0.2, List.of());
        long vit = run("cmp-filter-vit", "vit-small", 0.3, List.of("baseline"));
        runs.changeStatus(vit, RunStatus.FINISHED);
        CompareView view = open("");
        view.picker.project.setValue("cmp-filter");

        test(view.picker.filter).setValue("RESNET");
        assertThat(view.picker.matching()).extracting(r -> r.name()).containsExactlyInAnyOrder("resnet18-lr1e-3", "resnet50-lr3e-4");

        test(view.picker.filter).setValue("/resnet(18|34)-/");
        assertThat(view.picker.matching()).extracting(r -> r.name()).containsExactly("resnet18-lr1e-3");

        view.picker.project.clear();
        test(view.picker.filter).setValue("");
        view.picker.tag.setValue("baseline");
        view.picker.status.setValue("FINISHED");
        assertThat(view.picker.matching()).extracting(r -> r.name()).containsExactly("vit-small");
    }

    @Test
    void an_invalid_regex_shows_an_inline_error_and_keeps_the_list() {
        run("cmp-regex", "alpha", 0.1, List.of());
        CompareView view = open("");

        test(view.picker.filter).setValue("/resnet(/");

        assertThat(view.picker.filter.isInvalid()).isTrue();
        assertThat(view.picker.filter.getErrorMessage()).startsWith("Invalid regular expression");
        test(view.picker.filter).setValue("alpha");
        assertThat(view.picker.filter.isInvalid()).isFalse();
    }

    @Test
    void selecting_runs_overlays_them_and_select_all_matching_counts_them() {
        long a = run("cmp-select", "sel-a", 0.1, List.of());
        long b = run("cmp-select", "sel-b", 0.2, List.of());
        CompareView view = open("");
        view.picker.project.setValue("cmp-select");

        test(view.picker.selectAllMatching).click();

        assertThat(view.state().runs()).containsExactlyInAnyOrder(a, b);
        assertThat(view.picker.selectedCount.getText()).isEqualTo("2 selected");
        assertThat(view.chart.chart.seriesIds()).containsExactlyInAnyOrder("run-" + a, "run-" + b);
        assertThat(view.chart.chart.pointCount("run-" + a)).isEqualTo(50);
        assertThat(view.table.differingParams()).containsExactly("lr");
        assertThat(view.compared().get(a).metrics.currentLoss()).isEqualTo(2.0 / (1 + 49 * 0.1));
    }

    @Test
    void select_all_matching_compares_at_most_a_hundred_runs_and_says_so() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < CompareView.MAX_RUNS + 5; i++) {
            ids.add(runs.createOrResume("cmp-many", String.format("many-%03d", i), Map.of(), List.of()).run().id());
        }
        CompareView view = open("");
        view.picker.project.setValue("cmp-many");

        test(view.picker.selectAllMatching).click();

        assertThat(view.state().runs()).hasSize(CompareView.MAX_RUNS).doesNotHaveDuplicates().isSubsetOf(ids);
        assertThat($(Notification.class).last().getElement().getProperty("text"))
                .contains("at most 100 runs", "the first 100 of the 105 selected");
        CompareView fromUrl = open("runs=" + String.join(",", ids.stream().map(String::valueOf).toList()));
        assertThat(fromUrl.state().runs()).as("a long link is cut the same way").hasSize(CompareView.MAX_RUNS);
    }

    @Test
    void a_run_keeps_its_colour_when_others_are_added_or_removed() {
        long a = run("cmp-colour", "col-a", 0.1, List.of());
        long b = run("cmp-colour", "col-b", 0.2, List.of());
        long c = run("cmp-colour", "col-c", 0.3, List.of());
        CompareView view = open("runs=" + a + "," + b);
        String colourOfB = view.compared().get(b).color;

        view = open("runs=" + b + "," + c);
        assertThat(view.compared().get(b).color).as("after removing a and adding c").isEqualTo(colourOfB);
        assertThat(view.compared().get(c).color).isNotEqualTo(colourOfB);

        view = open("runs=" + a + "," + b + "," + c);
        assertThat(view.compared().get(b).color).isEqualTo(colourOfB);
        assertThat(java.util.Set.of(view.compared().get(a).color, colourOfB, view.compared().get(c).color)).hasSize(3);
    }

    @Test
    void more_runs_than_palette_colours_still_get_distinct_stable_colours() {
        RunColors colors = new RunColors();
        List<Long> ids = LongStreamHelper.range(100, 160);
        colors.retain(ids);
        List<String> first = ids.stream().map(colors::colorOf).toList();
        assertThat(first.subList(0, 20)).containsExactlyElementsOf(dev.descent.plot.Palette.COLORS);
        assertThat(first).allMatch(c -> c.matches("#[0-9a-f]{6}"));
        colors.retain(ids.subList(10, 60));
        assertThat(ids.subList(10, 60).stream().map(colors::colorOf).toList()).isEqualTo(first.subList(10, 60));
    }

    @Test
    void the_url_reproduces_the_view_and_unknown_ids_are_dropped_with_a_notice() {
        long a = run("cmp-url", "url-a", 0.1, List.of());
        run("cmp-url", "url-b", 0.2, List.of());

        CompareView view = open("runs=" + a + ",99999999&series=loss&smoothing=0.8&scale=log&x=epoch");

        assertThat(view.state().runs()).containsExactly(a);
        assertThat(view.state().smoothing().weight()).isEqualTo(0.8);
        assertThat(view.chart.chart.getYScale()).isEqualTo(YScale.LOG);
        assertThat(view.chart.chart.config().xLabel()).isEqualTo("epoch");
        assertThat($(Notification.class).last().getElement().getProperty("text")).contains("99999999");
        assertThat(CompareState.fromQuery(view.state().toQuery())).isEqualTo(view.state());
    }

    @Test
    void outliers_are_ignored_by_default_and_the_zoom_and_the_choice_are_in_the_url() {
        long a = run("cmp-zoom", "zoom-a", 0.1, List.of());
        long b = run("cmp-zoom", "zoom-b", 0.2, List.of());
        CompareView view = open("runs=" + a + "," + b);
        assertThat(view.chart.chart.config().robustRange()).as("ignore outliers, by default").isTrue();
        assertThat(view.controls.ignoreOutliers.getValue()).isTrue();

        com.vaadin.flow.component.ComponentUtil.fireEvent(view.chart.chart,
                new dev.descent.chart.ZoomEvent(view.chart.chart, true, 10.0, 19.0, 800));
        assertThat(view.state().toQuery().getQueryString()).contains("from=10", "to=19");
        view.controls.ignoreOutliers.setValue(false);
        assertThat(view.chart.chart.config().robustRange()).isFalse();
        String link = view.state().toQuery().getQueryString();
        assertThat(link).contains("outliers=show");

        CompareView shared = open(link);
        assertThat(shared.chart.chart.config().robustRange()).isFalse();
        assertThat(shared.chart.chart.pointCount(shared.chart.compared().get(a).seriesId()))
                .as("the zoomed window of the link: iterations 10 to 19").isEqualTo(10);
        assertThat(CompareState.fromQuery(shared.state().toQuery())).isEqualTo(shared.state());
    }

    @Test
    void csv_export_has_one_row_per_run_and_iteration_with_raw_and_smoothed() {
        long a = run("cmp-csv", "csv-a", 0.1, List.of());
        long b = run("cmp-csv", "csv-b", 0.2, List.of());
        CompareView view = open("runs=" + a + "," + b + "&smoothing=0");

        String[] lines = view.exportCsv().split("\n");

        assertThat(lines[0]).isEqualTo("run_id,run,iteration,epoch,value,timestamp,smoothed");
        assertThat(lines).hasSize(1 + 100);
        assertThat(lines[1]).isEqualTo(a + ",csv-a,0,0.0,2.0,0,2.0");
    }

    @Test
    void live_points_of_a_selected_run_extend_its_line() {
        long a = run("cmp-live", "live-a", 0.1, List.of());
        CompareView view = open("runs=" + a + "&smoothing=0");

        runs.append(a, List.of(new NewPoint("loss", 50, 5.0, 0.1, 50), new NewPoint("loss", 51, 5.1, 0.09, 51)));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (view.chart.chart.pointCount("run-" + a) < 52 && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        assertThat(view.chart.chart.pointCount("run-" + a)).isEqualTo(52);
        assertThat(view.compared().get(a).metrics.currentLoss()).isEqualTo(0.09);
    }

    @Test
    void a_replaced_point_of_a_selected_run_re_reads_it() {
        long a = run("cmp-late", "late-a", 0.1, List.of());
        CompareView view = open("runs=" + a + "&smoothing=0");

        runs.append(a, List.of(new NewPoint("loss", 49, 4.9, 0.01, 49)));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Double.valueOf(0.01).equals(view.compared().get(a).metrics.currentLoss()) && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        assertThat(view.compared().get(a).metrics.currentLoss()).isEqualTo(0.01);
        assertThat(view.compared().get(a).metrics.minLoss()).isEqualTo(0.01);
        assertThat(view.chart.chart.pointCount("run-" + a)).as("still one point per iteration").isEqualTo(50);
    }

    @Test
    void a_long_live_comparison_holds_a_bounded_number_of_points() {
        long a = run("cmp-bounded", "bounded-a", 0.1, List.of());
        CompareView view = open("runs=" + a + "&smoothing=0");
        int cap = dev.descent.plot.LiveSeries.CAP_FACTOR * 4 * view.chart.pointsPerRun();
        int batches = 12;
        int perBatch = 3_000;
        int most = 0;

        for (int b = 0; b < batches; b++) {
            List<NewPoint> points = new ArrayList<>();
            int first = 50 + b * perBatch;
            for (int i = first; i < first + perBatch; i++) {
                points.add(new NewPoint("loss", i, null, 1.0 / i, i));
            }
            runs.append(a, points);
            double lastLoss = 1.0 / (first + perBatch - 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Double.valueOf(lastLoss).equals(view.compared().get(a).metrics.currentLoss())
                    && System.nanoTime() < deadline) {
                runPendingSignalsTasks();
                roundTrip();
            }
            assertThat(view.compared().get(a).metrics.currentLoss()).isEqualTo(lastLoss);
            most = Math.max(most, view.chart.chart.pointCount("run-" + a));
        }

        assertThat(50 + batches * perBatch).as("the run grew past the cap").isGreaterThan(cap);
        assertThat(most).as("points held for the browser stay under the cap").isLessThanOrEqualTo(cap);
        assertThat(view.compared().get(a).line.shownCount()).isLessThanOrEqualTo(cap);
        assertThat(view.compared().get(a).metrics.pointCount()).as("metrics still see every point")
                .isEqualTo(50 + batches * perBatch);
    }

    @Test
    void a_new_smoothing_redraws_the_lines_as_data_without_reconfiguring_or_reading() {
        long a = run("cmp-smooth", "smooth-a", 0.1, List.of());
        long b = run("cmp-smooth", "smooth-b", 0.2, List.of());
        CompareView view = open("runs=" + a + "," + b + "&smoothing=0");
        var config = view.chart.chart.config();
        runs.deleteRun(b);
        pendingCalls();

        view.controls.smoothing.setValue(0.9);

        List<String> calls = pendingCalls();
        assertThat(calls).as("no new configuration: uPlot keeps its instance").noneMatch(c -> c.contains(".configure("));
        assertThat(calls.stream().filter(c -> c.contains(".setPoints(")).count()).as("one line per run").isEqualTo(2);
        assertThat(view.chart.chart.config()).as("same configuration").isEqualTo(config);
        assertThat(view.state().smoothing().weight()).isEqualTo(0.9);
        Double[] line = view.chart.chart.shownPoints("run-" + b).getFirst().y();
        double[] independent = new double[50];
        double last = 0;
        double debias = 0;
        for (int i = 0; i < 50; i++) {
            last = 0.9 * last + 0.1 * (2.0 / (1 + i * 0.2));
            debias = 0.9 * debias + 0.1;
            independent[i] = last / debias;
        }
        assertThat(line).as("run b was deleted after drawing: its line can only come from held values").hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(line[i]).isCloseTo(independent[i], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    private static List<String> pendingCalls() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(i -> i.getInvocation().getExpression()).toList();
    }

    static final class LongStreamHelper {
        static List<Long> range(long from, long to) {
            return java.util.stream.LongStream.range(from, to).boxed().toList();
        }
    }
}
