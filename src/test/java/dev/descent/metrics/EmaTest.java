package dev.descent.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmaTest {

    @Test
    void ema_matches_a_hand_worked_series() {
        // w = 0.6: last_n = 0.6 last_{n-1} + 0.4 y_n, smoothed = last_n / (1 - 0.6^n).
        double[] smoothed = Ema.smooth(new double[]{1, 2, 3, 4, 5}, 0.6);

        assertThat(smoothed[0]).isCloseTo(1.0, within(1e-12));
        assertThat(smoothed[1]).isCloseTo(1.04 / 0.64, within(1e-12));
        assertThat(smoothed[2]).isCloseTo(1.824 / 0.784, within(1e-12));
        assertThat(smoothed[3]).isCloseTo(2.6944 / 0.8704, within(1e-12));
        assertThat(smoothed[4]).isCloseTo(3.61664 / 0.92224, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.6, 0.99})
    void ema_matches_tensorboards_formula(double w) {
        Random random = new Random(42);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(-i / 1000.0) + random.nextGaussian() * 0.1;
        }

        double[] smoothed = Ema.smooth(values, w);

        double last = 0;
        for (int n = 1; n <= values.length; n++) {
            last = last * w + (1 - w) * values[n - 1];
            double expected = last / (1 - Math.pow(w, n));
            assertThat(smoothed[n - 1]).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void weight_zero_is_the_raw_series() {
        double[] values = {3, -1, 0.5, 7};
        assertThat(Ema.smooth(values, 0)).containsExactly(values);
    }

    @Test
    void non_finite_values_pass_through_and_are_not_counted() {
        double[] smoothed = Ema.smooth(new double[]{1, Double.NaN, 3, Double.POSITIVE_INFINITY}, 0.5);

        assertThat(smoothed[0]).isEqualTo(1.0);
        assertThat(smoothed[1]).isNaN();
        // Second counted value: last = 0.5 * 0.5 + 0.5 * 3 = 1.75, debiased by 1 - 0.5^2.
        assertThat(smoothed[2]).isCloseTo(1.75 / 0.75, within(1e-12));
        assertThat(smoothed[3]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void incremental_ema_equals_the_whole_series_ema() {
        double[] values = {0.9, 0.7, Double.NaN, 0.6, 0.65, 0.4};
        double[] whole = Ema.smooth(values, 0.8);
        Ema ema = new Ema(0.8);
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.valueOf(ema.next(values[i]))).isEqualTo(Double.valueOf(whole[i]));
        }
    }

    @Test
    void weights_outside_zero_to_one_are_refused() {
        assertThatThrownBy(() -> Ema.smooth(new double[]{1}, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ema(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
