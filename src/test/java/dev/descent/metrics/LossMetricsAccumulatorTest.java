package dev.descent.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LossMetricsAccumulatorTest {

    private record Point(double epoch, double value) {
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * Random series with gaps, epochs on some points, non-finite values, and points that arrive late or
     * replace a stored iteration. After every point the accumulator (rebuilt when it says it must be) agrees
     * exactly with a full recomputation.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void incremental_metrics_equal_a_full_recomputation(long seed) {
        Random random = new Random(seed);
        int window = 2 + random.nextInt(12);
        double target = random.nextDouble() * 0.5;
        Estimator estimator = random.nextBoolean() ? Estimator.LINEAR : Estimator.LOG_LINEAR;
        boolean withEpochs = random.nextInt(3) > 0;
        var series = new TreeMap<Long, Point>();
        var accumulator = new LossMetricsAccumulator(window);
        long next = random.nextInt(5);
        int rebuilds = 0;
        int notAppends = 0;
        int steps = 1 + random.nextInt(300);

        for (int step = 0; step < steps; step++) {
            long iteration;
            int kind = random.nextInt(20);
            if (kind == 0 && !series.isEmpty()) {
                iteration = series.firstKey() + random.nextLong(series.lastKey() - series.firstKey() + 1);
                notAppends++;
            } else {
                iteration = next;
                next += 1 + random.nextInt(10);
            }
            double epoch = withEpochs && random.nextInt(4) > 0 ? iteration / 37.0 : Double.NaN;
            double value = switch (random.nextInt(40)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> Double.NEGATIVE_INFINITY;
                case 3 -> 0;
                default -> 3 * Math.exp(-iteration / 200.0) + random.nextGaussian() * 0.05;
            };
            series.put(iteration, new Point(epoch, value));
            if (!accumulator.append(iteration, epoch, value)) {
                assertThat(accumulator.isStale()).isTrue();
                rebuild(accumulator, series);
                rebuilds++;
            }

            LossMetrics expected = compute(series, new MetricsOptions(window, target, estimator));
            LossMetrics actual = accumulator.metrics(target, estimator);
            assertThat(actual).as("seed %d step %d", seed, step).isEqualTo(expected);
            assertSameAsPlainScan(series, target, actual);
        }
        // O(1) per new point: only a late or replaced point may cost a rebuild, never one that extends the series.
        assertThat(rebuilds).as("rebuilds, for %d late or replaced points", notAppends).isLessThanOrEqualTo(notAppends);
    }

    @Test
    void a_late_point_makes_the_accumulator_stale_until_rebuilt() {
        var accumulator = new LossMetricsAccumulator(5);
        accumulator.append(10, Double.NaN, 1.0);

        assertThat(accumulator.append(5, Double.NaN, 2.0)).isFalse();
        assertThat(accumulator.isStale()).isTrue();
        assertThatThrownBy(() -> accumulator.metrics(0.01, Estimator.LINEAR)).isInstanceOf(IllegalStateException.class);
        assertThat(accumulator.append(11, Double.NaN, 0.5)).as("stays stale").isFalse();

        accumulator.rebuild(new long[]{5, 10}, new double[]{Double.NaN, Double.NaN}, new double[]{2.0, 1.0});
        assertThat(accumulator.metrics(0.01, Estimator.LINEAR).currentLoss()).isEqualTo(1.0);
    }

    @Test
    void clearing_starts_an_empty_series() {
        var accumulator = new LossMetricsAccumulator(3);
        accumulator.append(1, 0.1, 0.9);
        accumulator.clear();

        LossMetrics m = accumulator.metrics(0.01, Estimator.LINEAR);
        assertThat(m.pointCount()).isZero();
        assertThat(m.currentLoss()).isNull();
        assertThat(accumulator.append(0, Double.NaN, 1.0)).isTrue();
    }

    private record Columns(long[] iterations, double[] epochs, double[] values) {
        static Columns of(TreeMap<Long, Point> series) {
            int n = series.size();
            long[] it = new long[n];
            double[] ep = new double[n];
            double[] va = new double[n];
            int i = 0;
            for (Map.Entry<Long, Point> e : series.entrySet()) {
                it[i] = e.getKey();
                ep[i] = e.getValue().epoch;
                va[i++] = e.getValue().value;
            }
            return new Columns(it, ep, va);
        }
    }

    /**
     * Every field with a simple definition, against a plain scan of the series: {@code compute} is itself an
     * accumulator, so agreeing with it alone proves only that rebuilds and appends agree.
     */
    private static void assertSameAsPlainScan(TreeMap<Long, Point> series, double target, LossMetrics m) {
        Long reached = null;
        Double first = null;
        Double current = null;
        Long currentIteration = null;
        Long since = null;
        Long firstNonFinite = null;
        long nonFinite = 0;
        double min = Double.POSITIVE_INFINITY;
        Long minIteration = null;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        for (var e : series.entrySet()) {
            double v = e.getValue().value();
            if (!Double.isFinite(v)) {
                since = since == null ? e.getKey() : since;
                firstNonFinite = firstNonFinite == null ? e.getKey() : firstNonFinite;
                nonFinite++;
                continue;
            }
            since = null;
            first = first == null ? v : first;
            current = v;
            currentIteration = e.getKey();
            if (reached == null && v <= target) {
                reached = e.getKey();
            }
            if (v < min) {
                min = v;
                minIteration = e.getKey();
            }
            max = Math.max(max, v);
            sum += v;
            finite++;
        }
        assertThat(m.pointCount()).isEqualTo(series.size());
        assertThat(m.firstIteration()).isEqualTo(series.isEmpty() ? null : series.firstKey());
        assertThat(m.lastIteration()).isEqualTo(series.isEmpty() ? null : series.lastKey());
        assertThat(m.nonFiniteCount()).isEqualTo(nonFinite);
        assertThat(m.firstNonFiniteIteration()).isEqualTo(firstNonFinite);
        assertThat(m.targetReachedAt() == null ? null : m.targetReachedAt().iteration()).isEqualTo(reached);
        assertThat(m.nonFiniteSince()).isEqualTo(since);
        assertThat(m.currentLoss()).isEqualTo(current);
        assertThat(m.currentIteration()).isEqualTo(currentIteration);
        if (first != null) {
            assertThat(m.minLoss()).isEqualTo(min);
            assertThat(m.minLossIteration()).as("the first of equal minima").isEqualTo(minIteration);
            assertThat(m.maxLoss()).isEqualTo(max);
            assertThat(m.avgLoss()).isCloseTo(sum / finite, org.assertj.core.api.Assertions.within(1e-9));
            double expected = first == 0 ? 0 : (first - current) / Math.abs(first) * 100;
            assertThat(m.improvementFromFirst()).isEqualTo(expected);
        } else {
            assertThat(m.minLoss()).isNull();
            assertThat(m.improvementFromFirst()).isNull();
        }
    }

    private static void rebuild(LossMetricsAccumulator accumulator, TreeMap<Long, Point> series) {
        Columns c = Columns.of(series);
        accumulator.rebuild(c.iterations(), c.epochs(), c.values());
    }

    private static LossMetrics compute(TreeMap<Long, Point> series, MetricsOptions options) {
        Columns c = Columns.of(series);
        return LossMetrics.compute(c.iterations(), c.epochs(), c.values(), options);
    }
}
