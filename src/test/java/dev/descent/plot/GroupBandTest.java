package dev.descent.plot;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The group band against a plain two-pass computation in BigDecimal, on runs logged at different strides. */
class GroupBandTest {

    /** mean and sample std of the finite values, computed with BigDecimal: an independent reference. */
    private static double[] reference(List<Double> values) {
        List<BigDecimal> finite = values.stream().filter(Double::isFinite).map(BigDecimal::new).toList();
        BigDecimal n = BigDecimal.valueOf(finite.size());
        BigDecimal mean = finite.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, MathContext.DECIMAL128);
        double std = Double.NaN;
        if (finite.size() > 1) {
            BigDecimal ss = finite.stream().map(v -> v.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
            std = Math.sqrt(ss.divide(n.subtract(BigDecimal.ONE), MathContext.DECIMAL128).doubleValue());
        }
        return new double[]{mean.doubleValue(), std};
    }

    @Test
    void mean_std_min_max_and_n_at_every_iteration_any_member_logged() {
        Random random = new Random(11);
        int[] strides = {1, 3, 10};
        long[][] iterations = new long[3][];
        double[][] values = new double[3][];
        TreeMap<Long, List<Double>> byIteration = new TreeMap<>();
        for (int m = 0; m < 3; m++) {
            List<Long> its = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (long i = m; i < 300; i += strides[m]) {
                double v = i == 151 && m == 0 ? Double.NaN : 1e6 + 2.0 / (1 + i) + random.nextGaussian() * 0.01;
                its.add(i);
                vs.add(v);
                byIteration.computeIfAbsent(i, k -> new ArrayList<>()).add(v);
            }
            iterations[m] = its.stream().mapToLong(Long::longValue).toArray();
            values[m] = vs.stream().mapToDouble(Double::doubleValue).toArray();
        }

        List<GroupBand.Point> band = GroupBand.of(iterations, values);

        assertThat(band).hasSize(byIteration.size());
        for (GroupBand.Point p : band) {
            List<Double> at = byIteration.get(p.iteration());
            double[] expected = reference(at);
            long finite = at.stream().filter(Double::isFinite).count();
            assertThat(p.n()).as("n at %d", p.iteration()).isEqualTo(finite);
            // Values near 1e6 that differ in the 2nd decimal: a naive sum of squares would lose them.
            assertThat(p.mean()).isCloseTo(expected[0], within(1e-9));
            if (finite > 1) {
                assertThat(p.std()).as("std at %d", p.iteration()).isCloseTo(expected[1], within(1e-7));
            } else {
                assertThat(p.std()).as("one member: no sample std").isNaN();
            }
            assertThat(p.min()).isEqualTo(at.stream().filter(Double::isFinite).mapToDouble(d -> d).min().orElseThrow());
            assertThat(p.max()).isEqualTo(at.stream().filter(Double::isFinite).mapToDouble(d -> d).max().orElseThrow());
        }
        assertThat(band.stream().filter(p -> p.iteration() == 151).findFirst().orElseThrow().n())
                .as("the NaN member left out at 151, the other counted").isEqualTo(1);
    }

    @Test
    void a_single_member_group_is_its_own_line_without_spread() {
        List<GroupBand.Point> band = GroupBand.of(new long[][]{{0, 5, 9}}, new double[][]{{3, 2, 1}});
        assertThat(band).extracting(GroupBand.Point::mean).containsExactly(3.0, 2.0, 1.0);
        assertThat(band).allSatisfy(p -> assertThat(p.std()).isNaN());
    }

    @Test
    void downsampling_keeps_the_extremes_of_the_band() {
        int n = 100_000;
        long[] its = new long[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            its[i] = i;
            a[i] = 1.0 / (1 + i * 0.001);
            b[i] = a[i] + (i == 77_777 ? 50 : 0) - (i == 12_345 ? 3 : 0);
        }
        List<GroupBand.Point> band = GroupBand.of(new long[][]{its, its}, new double[][]{a, b});

        List<GroupBand.Point> drawn = GroupBand.downsample(band, 2000);

        assertThat(drawn.size()).isLessThanOrEqualTo(2000);
        assertThat(drawn).extracting(GroupBand.Point::iteration).isSorted().doesNotHaveDuplicates()
                .contains(77_777L, 12_345L, 0L, (long) n - 1);
        assertThat(drawn.stream().mapToDouble(GroupBand.Point::max).max().orElseThrow()).isEqualTo(b[77_777]);
        assertThat(GroupBand.downsample(band.subList(0, 100), 2000)).as("short bands untouched").hasSize(100);
    }
}
