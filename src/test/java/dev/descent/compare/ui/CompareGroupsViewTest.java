package dev.descent.compare.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.Band;
import dev.descent.chart.SeriesPoints;
import dev.descent.plot.BandKind;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The comparison grouped into mean lines with bands (issue 16), as the view draws and lists it. */
@SpringBootTest
@org.springframework.security.test.context.support.WithMockUser(username = "admin", roles = "ADMIN")
class CompareGroupsViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;

    /** A run logging {@code value(i)} every {@code stride} iterations up to 100. */
    private long run(String name, double lr, int seed, int stride, double offset) {
        long id = runs.createOrResume("cmp-groups", name, Map.of("lr", lr, "seed", seed), List.of()).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i <= 100; i += stride) {
            points.add(new NewPoint("loss", i, null, 1.0 / (1 + i * lr) + offset, i));
        }
        runs.append(id, points);
        return id;
    }

    private CompareView open(String query) {
        UI.getCurrent().navigate("compare", QueryParameters.fromString(query));
        return (CompareView) getCurrentView();
    }

    private static double at(SeriesPoints points, double x) {
        int i = Arrays.binarySearch(points.x(), x);
        assertThat(i).as("a point at " + x).isGreaterThanOrEqualTo(0);
        return points.y()[i];
    }

    @Test
    void runs_grouped_by_a_parameter_are_drawn_as_a_mean_line_and_a_std_band_per_group() {
        long a = run("grp-a", 0.1, 1, 1, 0.0);
        long b = run("grp-b", 0.1, 2, 2, 0.2); // logs every other step
        long c = run("grp-c", 0.5, 1, 1, 0.0);
        CompareView view = open("runs=" + a + "," + b + "," + c + "&group=params.lr&band=std&smoothing=0");

        assertThat(view.state().group()).isEqualTo("params.lr");
        assertThat(view.chart.chart.seriesIds())
                .containsExactly("group-0", "group-0-upper", "group-0-lower", "group-1", "group-1-upper", "group-1-lower");
        assertThat(view.chart.chart.config().bands()).extracting(Band::upperId).containsExactly("group-0-upper", "group-1-upper");
        assertThat(view.chart.chart.config().series().getFirst().label()).isEqualTo("0.1 (2 runs)");
        assertThat(view.chart.chart.config().series().get(3).label()).isEqualTo("0.5 (1 run)");

        SeriesPoints mean = view.chart.chart.shownPoints("group-0").getFirst();
        SeriesPoints upper = view.chart.chart.shownPoints("group-0-upper").getFirst();
        SeriesPoints lower = view.chart.chart.shownPoints("group-0-lower").getFirst();
        assertThat(mean.size()).as("every iteration either member logged").isEqualTo(101);
        // Iteration 10: both logged; sample std of two values is |x − y| / √2.
        double va = 1.0 / (1 + 10 * 0.1);
        double vb = va + 0.2;
        assertThat(at(mean, 10)).isCloseTo((va + vb) / 2, within(1e-12));
        assertThat(at(upper, 10) - at(mean, 10)).isCloseTo(0.2 / Math.sqrt(2), within(1e-12));
        assertThat(at(mean, 10) - at(lower, 10)).isCloseTo(0.2 / Math.sqrt(2), within(1e-12));
        // Iteration 11: only run a logged, so the band closes on its value.
        assertThat(at(mean, 11)).isCloseTo(1.0 / (1 + 11 * 0.1), within(1e-12));
        assertThat(at(upper, 11)).isEqualTo(at(mean, 11));

        assertThat(view.compared().get(a).color).as("members take their group's colour")
                .isEqualTo(view.compared().get(b).color).isNotEqualTo(view.compared().get(c).color);
        assertThat(view.table.getColumnByKey("group")).isNotNull();
        assertThat(view.controls.band.getValue()).isEqualTo(BandKind.STD);
    }

    @Test
    void the_min_max_band_and_the_url_round_trip() {
        long a = run("mm-a", 0.1, 1, 1, 0.0);
        long b = run("mm-b", 0.1, 2, 1, 0.3);
        CompareView view = open("runs=" + a + "," + b + "&group=params.*-seed&band=minmax&smoothing=0");

        SeriesPoints upper = view.chart.chart.shownPoints("group-0-upper").getFirst();
        SeriesPoints lower = view.chart.chart.shownPoints("group-0-lower").getFirst();
        assertThat(at(lower, 40)).isCloseTo(1.0 / (1 + 40 * 0.1), within(1e-12));
        assertThat(at(upper, 40)).isCloseTo(1.0 / (1 + 40 * 0.1) + 0.3, within(1e-12));
        assertThat(view.state().toQuery().getQueryString()).contains("group=params.*-seed", "band=minmax");

        view.controls.group.setValue(null);
        assertThat(view.state().group()).isNull();
        assertThat(view.chart.chart.seriesIds()).containsExactly("run-" + a, "run-" + b);
    }

    @Test
    void an_unreadable_grouping_is_explained_on_the_field_and_changes_nothing() {
        long a = run("bad-a", 0.1, 1, 1, 0.0);
        CompareView view = open("runs=" + a + "&group=colour");
        assertThat(view.state().group()).as("a mistyped URL grouping is dropped").isNull();

        test(view.controls.group).selectItem("tag");
        assertThat(view.state().group()).isEqualTo("tag");
        view.controls.group.setValue("name:/(unclosed/");

        assertThat(view.controls.group.isInvalid()).isTrue();
        assertThat(view.controls.group.getErrorMessage()).contains("not a valid regex");
        assertThat(view.state().group()).isEqualTo("tag");
    }

    @Test
    void a_group_key_that_is_markup_stays_text() {
        long a = runs.createOrResume("cmp-groups", "html-a", Map.of("note", "<img src=x onerror=alert(1)>"), List.of())
                .run().id();
        runs.append(a, List.of(new NewPoint("loss", 0, null, 1.0, 0)));
        CompareView view = open("runs=" + a + "&group=params.note");

        assertThat(view.chart.chart.config().series().getFirst().label()).isEqualTo("<img src=x onerror=alert(1)> (1 run)");
        assertThat(view.compared().get(a).group.label()).startsWith("<img");
    }

    @Test
    void live_points_of_a_member_move_its_group() {
        long a = run("live-a", 0.1, 1, 1, 0.0);
        long b = run("live-b", 0.1, 2, 1, 0.0);
        CompareView view = open("runs=" + a + "," + b + "&group=params.lr&smoothing=0");
        assertThat(view.chart.chart.pointCount("group-0")).isEqualTo(101);

        runs.append(a, List.of(new NewPoint("loss", 101, null, 0.5, 101)));
        runs.append(b, List.of(new NewPoint("loss", 101, null, 0.7, 101)));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (view.chart.chart.pointCount("group-0") < 102 && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        while (view.chart.groups().getFirst().last.n() < 2 && System.nanoTime() < deadline) {
            runPendingSignalsTasks();
            roundTrip();
        }
        SeriesPoints mean = view.chart.chart.shownPoints("group-0").getFirst();
        assertThat(at(mean, 101)).isCloseTo(0.6, within(1e-12));
        assertThat(view.chart.groups().getFirst().last.n()).isEqualTo(2);
    }

    @Test
    void the_parameter_scatter_plots_each_runs_min_loss_against_its_learning_rate_on_a_log_axis() {
        long a = run("sc-<b>a</b>", 0.0001, 1, 1, 0.0);
        long b = run("sc-b", 0.001, 1, 1, 0.0);
        long c = run("sc-c", 0.01, 1, 1, 0.0);
        CompareView view = open("runs=" + a + "," + b + "," + c + "&smoothing=0");

        assertThat(view.scatter.parameter.getValue()).isEqualTo("lr");
        assertThat(view.scatter.plot.isLogX()).as("0.0001 to 0.01 spans two decades").isTrue();
        assertThat(view.scatter.plot.dots()).hasSize(3);
        var dotOfC = view.scatter.plot.dots().stream().filter(d -> d.href().equals("runs/" + c)).findFirst().orElseThrow();
        assertThat(dotOfC.x()).isEqualTo(0.01);
        assertThat(dotOfC.y()).isEqualTo(view.compared().get(c).metrics.minLoss());
        assertThat(dotOfC.color()).isEqualTo(view.compared().get(c).color);
        String svg = view.scatter.plot.getElement().getChild(0).getProperty("innerHTML", "")
                + view.scatter.plot.getElement().getChild(0).getOuterHTML();
        assertThat(svg).contains("sc-&lt;b&gt;a&lt;/b&gt;").doesNotContain("<b>a</b>");

        view.scatter.metric.setValue(ParameterScatter.Metric.CURRENT_LOSS);
        assertThat(view.scatter.plot.dots()).extracting(d -> d.y()).contains(view.compared().get(a).metrics.currentLoss());
    }
}
