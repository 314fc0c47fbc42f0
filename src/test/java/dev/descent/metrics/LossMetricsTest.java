package dev.descent.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossMetricsTest {

    private static final double NO_EPOCH = Double.NaN;

    private static LossMetrics metrics(long[] iterations, double[] epochs, double[] values, MetricsOptions options) {
        return LossMetrics.compute(iterations, epochs, values, options);
    }

    private static long[] iterations(int n) {
        return LongStream.range(0, n).toArray();
    }

    private static double[] noEpochs(int n) {
        double[] e = new double[n];
        Arrays.fill(e, NO_EPOCH);
        return e;
    }

    @Test
    void basic_statistics_of_a_hand_worked_series() {
        LossMetrics m = metrics(new long[]{0, 1, 2, 3}, noEpochs(4), new double[]{2.0, 0.5, 1.0, 0.8},
                MetricsOptions.DEFAULTS);

        assertThat(m.currentLoss()).isEqualTo(0.8);
        assertThat(m.minLoss()).isEqualTo(0.5);
        assertThat(m.minLossIteration()).isEqualTo(1);
        assertThat(m.maxLoss()).isEqualTo(2.0);
        assertThat(m.avgLoss()).isEqualTo(1.075);
        assertThat(m.lossImprovement()).isCloseTo(60.0, within(1e-12));
        assertThat(m.pointCount()).isEqualTo(4);
        assertThat(m.firstIteration()).isEqualTo(0);
        assertThat(m.lastIteration()).isEqualTo(3);
        assertThat(m.nonFiniteCount()).isZero();
        assertThat(m.firstNonFiniteIteration()).isNull();
    }

    @Test
    void slope_of_an_exact_line_against_epoch_is_its_coefficient_per_epoch() {
        int n = 30;
        double[] epochs = IntStream.range(0, n).mapToDouble(i -> i * 0.5).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 5 - 0.3 * e).toArray();

        LossMetrics m = metrics(iterations(n), epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.convergenceRate()).isCloseTo(-0.3, within(1e-12));
        assertThat(m.convergenceRateUnit()).isEqualTo("per_epoch");
    }

    @Test
    void slope_of_a_quadratic_matches_the_closed_form() {
        // For x = 0..m-1 the least-squares slope of y = x^2 is exactly m - 1 (= 2 * mean of x).
        int n = 10;
        double[] epochs = IntStream.range(0, n).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> e * e).toArray();

        LossMetrics m = metrics(iterations(n), epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.convergenceRate()).isCloseTo(9.0, within(1e-12));
    }

    @Test
    void the_rate_uses_only_the_latest_window_of_points() {
        // Flat for 20 epochs, then falling at -2 per epoch for the last 5: window 5 sees only the fall.
        double[] epochs = IntStream.range(0, 25).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> e < 20 ? 100 : 100 - 2 * (e - 19)).toArray();

        LossMetrics m = metrics(iterations(25), epochs, values, new MetricsOptions(5, 0.01, Estimator.LINEAR));

        assertThat(m.convergenceRate()).isCloseTo(-2.0, within(1e-12));
    }

    @Test
    void without_epochs_in_the_window_the_iteration_slope_is_converted_with_the_runs_iterations_per_epoch() {
        // Epochs known only at iterations 0 (epoch 0) and 500 (epoch 1): 500 iterations per epoch.
        long[] iterations = LongStream.rangeClosed(0, 100).map(i -> i * 10).toArray();
        double[] epochs = noEpochs(iterations.length);
        epochs[0] = 0;
        epochs[50] = 1;
        double[] values = Arrays.stream(iterations).mapToDouble(i -> 12 - 0.01 * i).toArray();

        LossMetrics m = metrics(iterations, epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.convergenceRate()).isCloseTo(-0.01 * 500, within(1e-9));
        assertThat(m.convergenceRateUnit()).isEqualTo("per_epoch");
    }

    @Test
    void a_window_within_one_epoch_falls_back_to_iterations_converted_per_epoch() {
        long[] iterations = LongStream.range(0, 200).toArray();
        double[] epochs = Arrays.stream(iterations).mapToDouble(i -> Math.floor(i / 100.0)).toArray();
        double[] values = Arrays.stream(iterations).mapToDouble(i -> 3 - 0.002 * i).toArray();

        LossMetrics m = metrics(iterations, epochs, values, MetricsOptions.DEFAULTS);

        // Observed scale: iteration 0 at epoch 0 to iteration 199 at epoch 1 -> 199 iterations per epoch.
        assertThat(m.convergenceRate()).isCloseTo(-0.002 * 199, within(1e-9));
        assertThat(m.convergenceRateUnit()).isEqualTo("per_epoch");
    }

    @Test
    void with_no_epoch_anywhere_the_rate_is_per_iteration_and_no_epoch_is_estimated() {
        double[] values = IntStream.range(0, 20).mapToDouble(i -> 1 - 0.01 * i).toArray();

        LossMetrics m = metrics(iterations(20), noEpochs(20), values, MetricsOptions.DEFAULTS);

        assertThat(m.convergenceRate()).isCloseTo(-0.01, within(1e-12));
        assertThat(m.convergenceRateUnit()).isEqualTo("per_iteration");
        assertThat(m.estimatedConvergenceEpoch()).isNull();
    }

    @Test
    void linear_estimate_solves_the_fitted_line_without_rounding_up() {
        // loss = 5 - 0.3 epoch reaches 0.01 at (5 - 0.01) / 0.3 = 16.633: the seed's ceil made it 17.
        double[] epochs = IntStream.range(0, 10).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 5 - 0.3 * e).toArray();

        LossMetrics m = metrics(iterations(10), epochs, values, new MetricsOptions(10, 0.01, Estimator.LINEAR));

        assertThat(m.estimatedConvergenceEpoch()).isCloseTo(4.99 / 0.3, within(1e-9));
        assertThat(m.convergenceStatus()).isEqualTo(LossMetrics.CONVERGING);
        // An exact line leaves no doubt: the interval is the estimate.
        assertThat(m.estimatedConvergenceInterval().low()).isCloseTo(4.99 / 0.3, within(1e-9));
        assertThat(m.estimatedConvergenceInterval().high()).isCloseTo(4.99 / 0.3, within(1e-9));
    }

    @Test
    void power_law_recovers_a_power_law_exactly() {
        // loss = 2 / sqrt(epoch) reaches 0.01 at epoch (2 / 0.01)^2 = 40,000.
        double[] epochs = IntStream.range(1, 21).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 2 / Math.sqrt(e)).toArray();

        LossMetrics m = metrics(iterations(20), epochs, values, new MetricsOptions(10, 0.01, Estimator.POWER_LAW));

        assertThat(m.estimatedConvergenceEpoch()).isCloseTo(40_000, within(1e-6));
    }

    @Test
    void a_noisy_decay_gets_an_interval_around_its_estimate_that_holds_the_noise_free_answer() {
        // loss = 3 e^(-0.05 epoch) * (1 + 5 % noise), 400 points over 40 epochs; noise-free: 0.01 at 20 ln 300.
        var random = new java.util.Random(42);
        int n = 400;
        double[] epochs = IntStream.range(0, n).mapToDouble(i -> i / 10.0).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 3 * Math.exp(-0.05 * e) * (1 + 0.05 * random.nextGaussian()))
                .toArray();

        LossMetrics m = metrics(iterations(n), epochs, values, new MetricsOptions(10, 0.01, Estimator.LOG_LINEAR));

        double truth = 20 * Math.log(300);
        var interval = m.estimatedConvergenceInterval();
        assertThat(m.convergenceStatus()).isEqualTo(LossMetrics.CONVERGING);
        assertThat(interval.low()).isLessThan(m.estimatedConvergenceEpoch()).isLessThanOrEqualTo(truth);
        assertThat(interval.high()).isGreaterThan(m.estimatedConvergenceEpoch()).isGreaterThanOrEqualTo(truth);
        assertThat(interval.high() - interval.low()).as("a useful interval").isLessThan(0.5 * truth);
    }

    @Test
    void log_linear_recovers_an_exponential_decay_exactly() {
        // loss = 3 e^(-0.5 epoch) reaches 0.01 at epoch 2 ln(300).
        double[] epochs = IntStream.range(0, 10).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 3 * Math.exp(-0.5 * e)).toArray();

        LossMetrics m = metrics(iterations(10), epochs, values, new MetricsOptions(10, 0.01, Estimator.LOG_LINEAR));

        assertThat(m.estimatedConvergenceEpoch()).isCloseTo(2 * Math.log(300), within(1e-9));
    }

    @Test
    void log_linear_refuses_zero_or_negative_losses() {
        double[] epochs = IntStream.range(0, 10).mapToDouble(i -> i).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 1 - 0.2 * e).toArray(); // goes negative

        LossMetrics m = metrics(iterations(10), epochs, values, new MetricsOptions(10, -5, Estimator.LOG_LINEAR));

        assertThat(m.estimatedConvergenceEpoch()).isNull();
    }

    @Test
    void a_rising_or_flat_loss_is_not_converging() {
        double[] epochs = IntStream.range(0, 10).mapToDouble(i -> i).toArray();
        double[] rising = Arrays.stream(epochs).map(e -> 1 + 0.1 * e).toArray();
        double[] flat = new double[10];
        Arrays.fill(flat, 0.7);

        for (Estimator estimator : Estimator.values()) {
            var options = new MetricsOptions(10, 0.01, estimator);
            LossMetrics up = metrics(iterations(10), epochs, rising, options);
            assertThat(up.estimatedConvergenceEpoch()).isNull();
            assertThat(up.convergenceStatus()).as("%s rising", estimator).isEqualTo(LossMetrics.NOT_CONVERGING);
            LossMetrics all = metrics(iterations(10), epochs, flat, options);
            assertThat(all.estimatedConvergenceEpoch()).isNull();
            assertThat(all.convergenceStatus()).as("%s flat", estimator).isEqualTo(LossMetrics.NOT_CONVERGING);
            assertThat(all.convergenceRate()).isZero();
            assertThat(all.lossImprovement()).isZero();
        }
    }

    @Test
    void a_noisy_flat_loss_is_uncertain_or_not_converging_but_never_gets_an_estimate() {
        var random = new java.util.Random(7);
        int n = 300;
        double[] epochs = IntStream.range(0, n).mapToDouble(i -> i / 10.0).toArray();
        double[] values = Arrays.stream(epochs).map(e -> 0.7 + 0.05 * random.nextGaussian()).toArray();

        LossMetrics m = metrics(iterations(n), epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.estimatedConvergenceEpoch()).isNull();
        assertThat(m.convergenceStatus()).isIn(LossMetrics.UNCERTAIN, LossMetrics.NOT_CONVERGING);
    }

    @Test
    void the_estimate_is_where_the_target_was_first_reached_not_the_current_epoch() {
        // The reported case: target 0.01 first reached at epoch 7.82, the run went on to epoch 38.2.
        long[] iterations = {0, 500, 1025, 2000, 4885};
        double[] epochs = {0, 3.81, 7.82, 15.3, 38.2};
        double[] values = {2.3, 0.05, 0.009, 0.011, 0.004};

        LossMetrics m = metrics(iterations, epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.targetReachedAt()).isEqualTo(new LossMetrics.ReachedAt(1025, 7.82));
        assertThat(m.estimatedConvergenceEpoch()).isEqualTo(7.82);
        assertThat(m.convergenceStatus()).isEqualTo(LossMetrics.REACHED);
        // Another target, same accumulator state: found by binary search over the new-best points.
        var looser = metrics(iterations, epochs, values, new MetricsOptions(10, 0.06, Estimator.LINEAR));
        assertThat(looser.targetReachedAt()).isEqualTo(new LossMetrics.ReachedAt(500, 3.81));
    }

    @Test
    void a_point_without_an_epoch_reaches_the_target_at_the_runs_epoch_for_its_iteration() {
        long[] iterations = {0, 100, 200, 300};
        double[] epochs = {0, NO_EPOCH, NO_EPOCH, 3};
        LossMetrics m = metrics(iterations, epochs, new double[]{1, 0.5, 0.005, 0.004}, MetricsOptions.DEFAULTS);

        assertThat(m.targetReachedAt()).isEqualTo(new LossMetrics.ReachedAt(200, 2.0));
        LossMetrics never = metrics(iterations, epochs, new double[]{1, 0.5, 0.05, 0.04}, MetricsOptions.DEFAULTS);
        assertThat(never.targetReachedAt()).isNull();
    }

    @Test
    void improvement_from_the_first_value_is_negative_when_the_loss_got_worse() {
        // The reported eval_loss: 0.321 → 0.420 showed "0.00 %" from the worst value.
        LossMetrics m = metrics(iterations(3), noEpochs(3), new double[]{0.321, 0.35, 0.420}, MetricsOptions.DEFAULTS);

        assertThat(m.improvementFromFirst()).isCloseTo((0.321 - 0.420) / 0.321 * 100, within(1e-9));
        assertThat(m.improvementFromFirst()).isNegative();
        assertThat(m.lossImprovement()).isZero();
    }

    @Test
    void a_diverged_series_says_since_when_and_keeps_its_last_finite_value() {
        long[] iterations = {10, 20, 31, 32, 33, 34};
        double[] values = {1.0, 0.5, 1.87e6, Double.NaN, 0.4, Double.NaN};
        LossMetrics recovered = metrics(Arrays.copyOf(iterations, 5), noEpochs(5), Arrays.copyOf(values, 5),
                MetricsOptions.DEFAULTS);
        assertThat(recovered.nonFiniteSince()).as("the latest point is finite").isNull();

        double[] diverged = {1.0, 0.5, 1.87e6, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN};
        LossMetrics m = metrics(iterations, noEpochs(6), diverged, MetricsOptions.DEFAULTS);
        assertThat(m.nonFiniteSince()).isEqualTo(32L);
        assertThat(m.currentLoss()).isEqualTo(1.87e6);
        assertThat(m.currentIteration()).isEqualTo(31L);
    }

    @Test
    void empty_series_has_no_values_and_no_estimate() {
        LossMetrics m = metrics(new long[0], new double[0], new double[0], MetricsOptions.DEFAULTS);

        assertThat(m.currentLoss()).isNull();
        assertThat(m.minLoss()).isNull();
        assertThat(m.lossImprovement()).isNull();
        assertThat(m.convergenceRate()).isZero();
        assertThat(m.estimatedConvergenceEpoch()).isNull();
        assertThat(m.pointCount()).isZero();
        assertThat(m.firstIteration()).isNull();
    }

    @Test
    void one_point_has_rate_zero_as_in_the_seed() {
        LossMetrics m = metrics(new long[]{7}, new double[]{0.1}, new double[]{0.4}, MetricsOptions.DEFAULTS);

        assertThat(m.currentLoss()).isEqualTo(0.4);
        assertThat(m.convergenceRate()).isZero();
        assertThat(m.estimatedConvergenceEpoch()).isNull();
        assertThat(m.lossImprovement()).isZero();
    }

    @Test
    void improvement_is_zero_when_the_worst_loss_is_zero() {
        LossMetrics m = metrics(iterations(3), noEpochs(3), new double[]{0, -1, -2}, MetricsOptions.DEFAULTS);

        assertThat(m.maxLoss()).isZero();
        assertThat(m.lossImprovement()).isZero();
    }

    @Test
    void improvement_of_negative_losses_divides_by_the_magnitude_of_the_worst() {
        // max -2, now -3: (-2 - -3) / |-2| * 100 = 50 %.
        LossMetrics m = metrics(iterations(2), noEpochs(2), new double[]{-2, -3}, MetricsOptions.DEFAULTS);

        assertThat(m.lossImprovement()).isCloseTo(50.0, within(1e-12));
    }

    @Test
    void non_finite_values_are_counted_and_left_out_of_every_statistic() {
        double[] epochs = {0, 1, 2, 3, 4, 5};
        double[] values = {1.0, 0.8, Double.NaN, 0.6, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

        LossMetrics m = metrics(new long[]{10, 20, 30, 40, 50, 60}, epochs, values, MetricsOptions.DEFAULTS);

        assertThat(m.nonFiniteCount()).isEqualTo(3);
        assertThat(m.firstNonFiniteIteration()).isEqualTo(30);
        assertThat(m.currentLoss()).as("latest finite value").isEqualTo(0.6);
        assertThat(m.minLoss()).isEqualTo(0.6);
        assertThat(m.maxLoss()).isEqualTo(1.0);
        assertThat(m.avgLoss()).isCloseTo(0.8, within(1e-15));
        assertThat(m.convergenceRate()).as("fit over epochs 0, 1, 3").isCloseTo(-5.4 / 42, within(1e-12));
        assertThat(m.pointCount()).isEqualTo(6);
        assertThat(m.lastIteration()).isEqualTo(60);
    }

    @Test
    void only_non_finite_values_give_no_statistics_but_count_the_divergence() {
        LossMetrics m = metrics(new long[]{5, 6}, noEpochs(2), new double[]{Double.NaN, Double.NaN},
                MetricsOptions.DEFAULTS);

        assertThat(m.currentLoss()).isNull();
        assertThat(m.lossImprovement()).isNull();
        assertThat(m.nonFiniteCount()).isEqualTo(2);
        assertThat(m.firstNonFiniteIteration()).isEqualTo(5);
    }

    @Test
    void the_first_of_equal_minima_is_reported() {
        LossMetrics m = metrics(iterations(4), noEpochs(4), new double[]{0.5, 0.2, 0.2, 0.3}, MetricsOptions.DEFAULTS);

        assertThat(m.minLossIteration()).isEqualTo(1);
    }

    @Test
    void the_mean_of_a_million_points_does_not_drift() {
        int n = 1_000_000;
        double[] values = new double[n];
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            values[i] = i % 2 == 0 ? 0.1 : 1e-7 * i;
            exact = exact.add(new BigDecimal(values[i]));
        }
        double expected = exact.divide(BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128).doubleValue();

        LossMetrics m = metrics(iterations(n), noEpochs(n), values, MetricsOptions.DEFAULTS);

        assertThat(m.avgLoss()).isCloseTo(expected, within(Math.ulp(expected) * 2));
    }

    @Test
    void estimates_are_never_before_now_nor_negative() {
        // A fit whose line crossed the target already while no point has: the estimate is now, not the past.
        double[] epochs = IntStream.range(0, 20).mapToDouble(i -> i).toArray();
        double[] values = {1.0, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.52,
                0.5, 0.3, 0.2, 0.15, 0.12, 0.11, 0.105, 0.103, 0.102, 0.101};
        LossMetrics m = metrics(iterations(20), epochs, values, new MetricsOptions(4, 0.1, Estimator.LINEAR));

        assertThat(m.targetReachedAt()).isNull();
        assertThat(m.estimatedConvergenceEpoch()).isGreaterThanOrEqualTo(19.0);
        assertThat(m.estimatedConvergenceInterval().low()).isGreaterThanOrEqualTo(19.0);
    }
}
