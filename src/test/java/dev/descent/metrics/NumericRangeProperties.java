package dev.descent.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests: the maths holds over the whole {@code long} and {@code double} range (issue 11: a series
 * holding iteration 2^63 − 1 made the downsampler write past its array, a 500 for every read of that run).
 * Each seed generates a series whose iterations are any strictly increasing longs (extremes, negative values,
 * huge gaps, dense runs) and whose values mix NaN, ±∞, ±Double.MAX_VALUE, subnormals and ordinary numbers.
 * Plain JUnit with seeded generators: a failing seed is reproduced by its number.
 */
class NumericRangeProperties {

    private static final long[] EXTREME_ITERATIONS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1,
            Long.MAX_VALUE - 1, Long.MAX_VALUE};
    private static final double[] EXTREME_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0.0, -0.0, 1e300, -1e-300};

    record Series(long[] x, double[] y) {
    }

    static LongStream seeds() {
        return LongStream.range(0, 2_000);
    }

    static Series series(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(random.nextBoolean() ? 10 : 300);
        TreeSet<Long> x = new TreeSet<>();
        while (x.size() < n) {
            x.add(switch (random.nextInt(3)) {
                case 0 -> random.nextLong();
                case 1 -> (long) random.nextInt(1_000);
                default -> EXTREME_ITERATIONS[random.nextInt(EXTREME_ITERATIONS.length)];
            });
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(4) == 0 ? EXTREME_VALUES[random.nextInt(EXTREME_VALUES.length)]
                    : random.nextDouble(-10, 10);
        }
        return new Series(x.stream().mapToLong(Long::longValue).toArray(), y);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void m4_keeps_a_sorted_bounded_subset_with_the_ends_and_extremes(long seed) {
        Series s = series(seed);
        int buckets = 1 + new Random(~seed).nextInt(80);
        int[] kept = Downsampler.m4(s.x(), s.y(), buckets);

        int n = s.x().length;
        assertThat(kept.length).isLessThanOrEqualTo(Math.max(n <= 4 * buckets ? n : 0, 4 * buckets));
        assertThat(kept).isSorted().doesNotHaveDuplicates();
        assertThat(kept[0]).isZero();
        assertThat(kept[kept.length - 1]).isEqualTo(n - 1);
        int[] notNaN = IntStream.range(0, n).filter(i -> !Double.isNaN(s.y()[i])).toArray();
        if (notNaN.length > 0) {
            double max = Arrays.stream(notNaN).mapToDouble(i -> s.y()[i]).max().orElseThrow();
            double min = Arrays.stream(notNaN).mapToDouble(i -> s.y()[i]).min().orElseThrow();
            List<Double> keptValues = Arrays.stream(kept).mapToObj(i -> s.y()[i]).toList();
            assertThat(keptValues).as("the highest and lowest values are never lost").contains(max, min);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void smoothing_and_metrics_never_throw_and_stay_finite_on_finite_input(long seed) {
        Series s = series(seed);
        double weight = new Random(~seed).nextInt(100) / 100.0;
        double[] smoothed = Ema.smooth(s.y(), weight);
        assertThat(smoothed).hasSameSizeAs(s.y());
        if (Arrays.stream(s.y()).allMatch(v -> Double.isFinite(v) && Math.abs(v) <= 10)) {
            assertThat(Arrays.stream(smoothed).allMatch(Double::isFinite)).isTrue();
        }
        double[] epochs = new double[s.x().length];
        Arrays.fill(epochs, Double.NaN);
        for (Estimator estimator : Estimator.values()) {
            assertThat(LossMetrics.compute(s.x(), epochs, s.y(), new MetricsOptions(10, 0.01, estimator))).isNotNull();
        }
    }

    @Test
    void a_run_reaching_iteration_two_to_the_63_downsamples_like_any_other() {
        for (int small = 1; small <= 5; small++) {
            for (int buckets = 1; buckets <= 3; buckets++) {
                long[] x = new long[small + 1];
                double[] y = new double[x.length];
                for (int i = 0; i < small; i++) {
                    x[i] = i;
                    y[i] = 1.0 / (i + 1);
                }
                x[small] = Long.MAX_VALUE;
                y[small] = 0.001;
                assertThat(Downsampler.m4(x, y, buckets)).contains(0, small);
            }
        }
    }
}
