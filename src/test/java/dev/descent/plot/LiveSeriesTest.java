package dev.descent.plot;

import dev.descent.run.NewPoint;
import dev.descent.run.SeriesData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The live series against an independent computation of TensorBoard's EMA over the whole series. */
class LiveSeriesTest {

    /** Debiased EMA written out, not through our code. */
    private static double[] ema(double[] values, double w) {
        double[] out = new double[values.length];
        double last = 0;
        double debias = 0;
        for (int i = 0; i < values.length; i++) {
            last = w * last + (1 - w) * values[i];
            debias = w * debias + (1 - w);
            out[i] = last / debias;
        }
        return out;
    }

    private static double loss(int i) {
        return 2.0 / (1 + 0.01 * i) + (i % 97 == 0 ? 1.5 : 0) + 0.05 * Math.sin(i);
    }

    private static SeriesData series(int n) {
        long[] it = new long[n];
        double[] ep = new double[n];
        double[] v = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            it[i] = i;
            ep[i] = i / 100.0;
            v[i] = loss(i);
            ts[i] = 1_000_000L + 10L * i;
        }
        return new SeriesData("loss", it, ep, v, ts);
    }

    private static List<NewPoint> points(int from, int to) {
        List<NewPoint> points = new ArrayList<>();
        for (int i = from; i < to; i++) {
            points.add(new NewPoint("loss", i, i / 100.0, loss(i), 1_000_000L + 10L * i));
        }
        return points;
    }

    @Test
    void a_drawing_keeps_every_spike_and_smooths_at_full_resolution() {
        SeriesData all = series(20_000);
        LiveSeries live = LiveSeries.draw(all, 0, Long.MAX_VALUE, 100, new Smoothing(0.9), XMode.ITERATION, new TimeOrigin());
        PlotLine line = live.line();
        double[] full = ema(all.values(), 0.9);

        assertThat(line.size()).isLessThanOrEqualTo(400);
        for (int k = 0; k < line.size(); k++) {
            int i = (int) line.x()[k];
            assertThat(line.raw()[k]).isEqualTo(all.values()[i]);
            assertThat(line.smoothed()[k]).isCloseTo(full[i], within(1e-12));
            assertThat(line.epochs()[k]).isEqualTo(i / 100.0);
        }
        double highest = java.util.Arrays.stream(all.values()).max().orElseThrow();
        assertThat(line.raw()).contains(highest);
    }

    @Test
    void live_points_continue_the_same_smoothed_line_and_a_new_smoothing_needs_no_read() {
        SeriesData first = series(1_000);
        LiveSeries live = LiveSeries.draw(first, 0, Long.MAX_VALUE, 1_000, new Smoothing(0.8), XMode.ITERATION,
                new TimeOrigin());
        for (int b = 0; b < 5; b++) {
            PlotLine added = live.append(points(1_000 + b * 100, 1_100 + b * 100));
            assertThat(added).isNotNull();
            double[] full = ema(series(1_100 + b * 100).values(), 0.8);
            for (int k = 0; k < added.size(); k++) {
                assertThat(added.smoothed()[k]).isCloseTo(full[(int) added.x()[k]], within(1e-12));
            }
        }

        PlotLine resmoothed = live.resmooth(new Smoothing(0.3));

        double[] full = ema(series(1_500).values(), 0.3);
        assertThat(resmoothed.size()).isEqualTo(1_500);
        for (int k = 0; k < resmoothed.size(); k++) {
            assertThat(resmoothed.smoothed()[k]).isCloseTo(full[(int) resmoothed.x()[k]], within(1e-12));
        }
        assertThat(resmoothed.line(Smoothing.OFF)).isEqualTo(resmoothed.raw());
    }

    @Test
    void a_late_or_repeated_point_asks_for_a_fresh_drawing() {
        LiveSeries live = LiveSeries.draw(series(100), 0, Long.MAX_VALUE, 100, Smoothing.DEFAULT, XMode.ITERATION,
                new TimeOrigin());

        assertThat(live.append(points(99, 101))).as("iteration 99 is already drawn").isNull();
        List<NewPoint> twice = new ArrayList<>(points(100, 102));
        twice.add(points(101, 102).getFirst());
        assertThat(live.append(twice)).as("iteration 101 twice in one batch").isNull();
    }

    @Test
    void a_zoomed_window_draws_no_live_point_beyond_it_yet_smooths_on_through_them() {
        // Zoomed on iterations 0..60 of a run at 199; points 200.. arrive: the window must not reach over the
        // unloaded 61..199 to join them.
        SeriesData all = series(200);
        LiveSeries live = LiveSeries.draw(all, 0, 60, 100, Smoothing.DEFAULT, XMode.ITERATION, new TimeOrigin());
        assertThat(live.line().x()).hasSize(61);

        PlotLine appended = live.append(points(200, 210));

        assertThat(appended).isNotNull();
        assertThat(appended.x()).as("nothing to draw beyond the window").isEmpty();
        assertThat(live.line().x()).hasSize(61);
        assertThat(live.line().x()[60]).isEqualTo(60.0);
        // Unzoomed, the same points continue the EMA of the whole series.
        LiveSeries whole = LiveSeries.draw(all, 0, Long.MAX_VALUE, 1000, Smoothing.DEFAULT, XMode.ITERATION,
                new TimeOrigin());
        double[] values = new double[210];
        for (int i = 0; i < 210; i++) {
            values[i] = loss(i);
        }
        PlotLine tail = whole.append(points(200, 210));
        assertThat(tail.smoothed()[9]).isCloseTo(ema(values, 0.6)[209], org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void appended_points_past_the_cap_ask_for_a_downsampled_drawing() {
        int buckets = 50;
        LiveSeries live = LiveSeries.draw(series(10_000), 0, Long.MAX_VALUE, buckets, Smoothing.DEFAULT,
                XMode.ITERATION, new TimeOrigin());
        int next = 10_000;
        while (!live.isOverCap()) {
            assertThat(live.append(points(next, next + 100))).isNotNull();
            next += 100;
        }
        assertThat(live.shownCount()).isGreaterThan(LiveSeries.CAP_FACTOR * 4 * buckets)
                .isLessThanOrEqualTo(LiveSeries.CAP_FACTOR * 4 * buckets + 100);
    }

    @Test
    void relative_time_starts_at_the_origin_and_the_epoch_axis_leaves_out_steps_without_one() {
        SeriesData all = series(10);
        LiveSeries relative = LiveSeries.draw(all, 0, Long.MAX_VALUE, 100, Smoothing.OFF, XMode.RELATIVE,
                new TimeOrigin(all.timestamps()[0]));
        assertThat(relative.line().x()).startsWith(0.0, 0.01, 0.02);

        LiveSeries epochs = LiveSeries.draw(all, 0, Long.MAX_VALUE, 100, Smoothing.OFF, XMode.EPOCH, new TimeOrigin());
        PlotLine added = epochs.append(List.of(new NewPoint("loss", 10, null, 1.0, 0),
                new NewPoint("loss", 11, 0.11, 0.9, 0)));
        assertThat(added).isNotNull();
        assertThat(added.x()).containsExactly(0.11);
        assertThat(epochs.shownCount()).isEqualTo(11);
    }

    @Test
    void smoothing_is_one_validated_type() {
        assertThat(Smoothing.lenient(0.123, Smoothing.OFF).weight()).isEqualTo(0.12);
        assertThat(Smoothing.lenient(5, Smoothing.OFF).weight()).isEqualTo(Smoothing.SLIDER_MAX);
        assertThat(Smoothing.lenient(Double.NaN, Smoothing.DEFAULT)).isEqualTo(Smoothing.DEFAULT);
        assertThat(Smoothing.isValid(0.999)).isTrue();
        assertThat(Smoothing.isValid(1)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Smoothing(-0.1))
                .hasMessageContaining("smoothing: must be a number in [0, 1)");
    }
}
