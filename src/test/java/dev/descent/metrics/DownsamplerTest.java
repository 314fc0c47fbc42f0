package dev.descent.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DownsamplerTest {

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    @Test
    void a_series_within_budget_is_returned_unchanged() {
        long[] x = {1, 5, 9};
        double[] y = {0.3, 0.2, 0.1};
        assertThat(Downsampler.m4(x, y, 1)).containsExactly(0, 1, 2);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void m4_keeps_every_planted_spike_and_non_finite_marker(long seed) {
        Random random = new Random(seed);
        int n = 5_000 + random.nextInt(200_000);
        int buckets = 10 + random.nextInt(2_000);
        long[] x = new long[n];
        double[] y = new double[n];
        long position = random.nextInt(100);
        for (int i = 0; i < n; i++) {
            x[i] = position;
            position += 1 + random.nextInt(random.nextBoolean() ? 3 : 50);
            y[i] = 1 + Math.exp(-i / 10_000.0) + random.nextGaussian() * 0.05;
        }
        // One planted point per bucket at most, in buckets far apart, so each must be its bucket's extreme.
        double scale = buckets / ((double) (x[n - 1] - x[0]) + 1);
        Set<Integer> usedBuckets = new HashSet<>();
        Set<Integer> planted = new HashSet<>();
        for (int k = 0; k < 30; k++) {
            int at = random.nextInt(n);
            int bucket = (int) ((x[at] - x[0]) * scale);
            if (!usedBuckets.add(bucket)) {
                continue;
            }
            y[at] = switch (k % 5) {
                case 0 -> 1e6;
                case 1 -> -1e6;
                case 2 -> Double.NaN;
                case 3 -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
            planted.add(at);
        }

        int[] kept = Downsampler.m4(x, y, buckets);

        assertThat(kept.length).isLessThanOrEqualTo(4 * buckets);
        for (int i = 1; i < kept.length; i++) {
            assertThat(kept[i]).as("in x order, no duplicates").isGreaterThan(kept[i - 1]);
        }
        Set<Integer> keptSet = new HashSet<>();
        for (int k : kept) {
            keptSet.add(k);
        }
        assertThat(keptSet).containsAll(planted);
        assertThat(keptSet).contains(0, n - 1);
        assertEveryBucketKeepsItsExtremes(x, y, buckets, keptSet);
    }

    /** Independent check: recompute each bucket's min and max naively and find them among the kept points. */
    private static void assertEveryBucketKeepsItsExtremes(long[] x, double[] y, int buckets, Set<Integer> kept) {
        double scale = buckets / ((double) (x[x.length - 1] - x[0]) + 1);
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        for (int i = 0; i < x.length; i++) {
            int b = (int) ((x[i] - x[0]) * scale);
            if (!Double.isNaN(y[i])) {
                min[b] = Double.isNaN(min[b]) ? y[i] : Math.min(min[b], y[i]);
                max[b] = Double.isNaN(max[b]) ? y[i] : Math.max(max[b], y[i]);
            }
        }
        double[] keptMin = new double[buckets];
        double[] keptMax = new double[buckets];
        Arrays.fill(keptMin, Double.NaN);
        Arrays.fill(keptMax, Double.NaN);
        for (int i : kept) {
            int b = (int) ((x[i] - x[0]) * scale);
            if (!Double.isNaN(y[i])) {
                keptMin[b] = Double.isNaN(keptMin[b]) ? y[i] : Math.min(keptMin[b], y[i]);
                keptMax[b] = Double.isNaN(keptMax[b]) ? y[i] : Math.max(keptMax[b], y[i]);
            }
        }
        assertThat(keptMin).containsExactly(min);
        assertThat(keptMax).containsExactly(max);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void a_range_keeps_the_points_m4_keeps_of_a_copy_of_it(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(50_000);
        long[] x = new long[n];
        double[] y = new double[n];
        long position = random.nextLong(-1_000, 1_000);
        for (int i = 0; i < n; i++) {
            x[i] = position;
            position += 1 + random.nextInt(20);
            y[i] = random.nextInt(50) == 0 ? Double.NaN : Math.sin(i / 300.0) + random.nextGaussian() * 0.1;
        }
        int from = random.nextInt(n);
        int to = from + random.nextInt(n - from + 1);
        int buckets = 1 + random.nextInt(600);

        // The copy is what SeriesPipeline made before reading a range in place.
        int[] ofCopy = Downsampler.m4(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to), buckets);
        assertThat(Downsampler.m4(x, y, from, to, buckets))
                .as("%d points, range %d..%d, %d buckets", n, from, to, buckets)
                .containsExactly(Arrays.stream(ofCopy).map(i -> i + from).toArray());
    }

    @Test
    void a_one_point_spike_in_a_million_survives_2000_buckets() {
        int n = 1_000_000;
        long[] x = LongStream.range(0, n).toArray();
        double[] y = new double[n];
        Arrays.fill(y, 0.5);
        y[777_777] = 40;

        int[] kept = Downsampler.m4(x, y, 2000);

        assertThat(kept).contains(777_777);
        assertThat(kept.length).isLessThanOrEqualTo(8000);
    }
}
