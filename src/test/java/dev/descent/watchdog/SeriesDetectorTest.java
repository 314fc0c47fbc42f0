package dev.descent.watchdog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The detectors on crafted series: what fires, where, once, and what must not fire. */
class SeriesDetectorTest {

    private static List<Finding> feed(SeriesDetector d, double[] values, double epochsPerPoint) {
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Finding f = d.accept(i, epochsPerPoint > 0 ? i * epochsPerPoint : Double.NaN, values[i]);
            if (f != null) {
                found.add(f);
            }
        }
        return found;
    }

    private static double[] decaying(int n, double noise, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (0.1 + 2.0 / Math.sqrt(1 + i / 50.0)) * (1 + noise * random.nextGaussian());
        }
        return v;
    }

    @Test
    void the_first_nan_is_a_divergence_at_its_iteration_and_later_ones_are_the_same_incident() {
        SeriesDetector d = new SeriesDetector(Thresholds.DEFAULTS);
        double[] v = decaying(100, 0, 1);
        v[60] = Double.NaN;
        v[61] = Double.POSITIVE_INFINITY;
        v[80] = Double.NaN;

        List<Finding> found = feed(d, v, 0);

        assertThat(found).singleElement().isInstanceOfSatisfying(Finding.Diverged.class, f -> {
            assertThat(f.iteration()).isEqualTo(60);
            assertThat(f.value()).isNaN();
            assertThat(f.level()).isNull();
        });
    }

    @Test
    void a_finite_jump_above_ten_times_the_recent_level_is_a_divergence_and_a_smaller_one_is_not() {
        double[] v = decaying(200, 0.05, 2);
        v[120] = v[119] * 8; // a bad batch, not a divergence
        v[150] = v[149] * 30;

        List<Finding> found = feed(new SeriesDetector(Thresholds.DEFAULTS), v, 0);

        assertThat(found).singleElement().isInstanceOfSatisfying(Finding.Diverged.class, f -> {
            assertThat(f.iteration()).isEqualTo(150);
            assertThat(f.level()).isNotNull();
            assertThat(f.value() / f.level()).isGreaterThan(10);
        });
    }

    @Test
    void the_first_points_of_a_series_are_never_judged_against_a_level_they_have_not_set() {
        double[] v = {0.01, 5, 7, 3, 2, 2, 1, 1, 1, 1, 0.9, 0.8};

        assertThat(feed(new SeriesDetector(Thresholds.DEFAULTS), v, 0)).isEmpty();
    }

    @Test
    void a_flat_noisy_loss_is_a_plateau_once_the_span_passed_without_improvement() {
        Random random = new Random(3);
        double[] v = new double[3000];
        for (int i = 0; i < v.length; i++) {
            // Falls for 1,000 points (10 epochs), then stays at 0.5 with 20 % noise.
            v[i] = (i < 1000 ? 0.5 + 2.0 * (1000 - i) / 1000 : 0.5) * (1 + 0.2 * random.nextGaussian());
        }

        List<Finding> found = feed(new SeriesDetector(Thresholds.DEFAULTS), v, 0.01);

        assertThat(found).singleElement().isInstanceOfSatisfying(Finding.Plateau.class, f -> {
            assertThat(f.inEpochs()).isTrue();
            assertThat(f.span()).isGreaterThanOrEqualTo(5);
            assertThat(f.iteration()).as("5 epochs after the last real improvement, near the end of the descent")
                    .isBetween(1500L, 2500L);
            assertThat(f.sinceIteration()).isBetween(900L, 1900L);
        });
    }

    @Test
    void a_noisy_but_improving_loss_never_fires_a_plateau() {
        for (long seed = 0; seed < 20; seed++) {
            // A minibatch loss: 1/sqrt decay with 30 % noise per point, 100 points per epoch, 30 epochs.
            double[] v = decaying(3000, 0.3, seed);

            assertThat(feed(new SeriesDetector(Thresholds.DEFAULTS), v, 0.01)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void a_plateau_ends_when_the_loss_improves_again_and_a_second_one_is_a_new_incident() {
        double[] v = new double[40_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 10_000 ? 1.0 : i < 20_000 ? 1.0 - 0.5 * (i - 10_000) / 10_000.0 : 0.5;
        }

        List<Finding> found = feed(new SeriesDetector(Thresholds.DEFAULTS), v, 0);

        assertThat(found).hasSize(3);
        var first = (Finding.Plateau) found.get(0);
        assertThat(first.inEpochs()).as("no epochs: the span is in iterations").isFalse();
        assertThat(first.iteration()).as("a span after the first buckets").isEqualTo(6250);
        assertThat(first.span()).isEqualTo(5000);
        assertThat(found.get(1)).isInstanceOfSatisfying(Finding.PlateauEnded.class,
                e -> assertThat(e.sinceIteration()).isEqualTo(first.sinceIteration()));
        assertThat(found.get(2)).isInstanceOfSatisfying(Finding.Plateau.class,
                p -> assertThat(p.sinceIteration()).isNotEqualTo(first.sinceIteration()).isGreaterThan(19_000));
    }

    @Test
    void late_points_reveal_a_nan_but_do_not_move_the_level() {
        SeriesDetector d = new SeriesDetector(Thresholds.DEFAULTS);
        for (int i = 100; i < 200; i++) {
            d.accept(i, Double.NaN, 1.0);
        }
        assertThat(d.accept(50, Double.NaN, 1000.0)).as("a late point is not a jump").isNull();
        assertThat(d.accept(51, Double.NaN, Double.NaN)).isInstanceOf(Finding.Diverged.class);
    }

    @Test
    void a_run_overrides_thresholds_through_its_params_and_a_bad_override_keeps_the_default() {
        Thresholds t = Thresholds.DEFAULTS.overriddenBy(Map.of(
                Thresholds.PLATEAU_EPOCHS, 20,
                Thresholds.DIVERGENCE_FACTOR, "3",
                Thresholds.PLATEAU_THRESHOLD, 7, // out of range: ignored
                Thresholds.PLATEAU_ITERATIONS, "many")); // not a number: ignored

        assertThat(t.plateauEpochs()).isEqualTo(20);
        assertThat(t.divergenceFactor()).isEqualTo(3);
        assertThat(t.plateauThreshold()).isEqualTo(Thresholds.DEFAULTS.plateauThreshold());
        assertThat(t.plateauIterations()).isEqualTo(Thresholds.DEFAULTS.plateauIterations());

        double[] v = decaying(200, 0.0, 4);
        v[150] = v[149] * 5;
        assertThat(feed(new SeriesDetector(t), v, 0)).singleElement().isInstanceOf(Finding.Diverged.class);
    }
}
