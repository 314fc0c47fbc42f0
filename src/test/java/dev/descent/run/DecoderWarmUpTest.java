package dev.descent.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up at start decodes what it encoded, and its self-check stops at the first bit that differs. */
class DecoderWarmUpTest {

    @Test
    void the_warm_up_decodes_its_series_bit_for_bit() {
        assertThatCode(DecoderWarmUp::warmUp).doesNotThrowAnyException();
    }

    @Test
    void the_self_check_names_the_first_point_that_differs_even_in_a_sign_bit() {
        Columns encoded = DecoderWarmUp.noisyLoss(3_000);
        Columns decoded = copy(encoded);
        decoded.values[1_234] = -decoded.values[1_234];
        assertThatThrownBy(() -> DecoderWarmUp.requireSame(encoded, decoded)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("chunk decoder self-check: point 1234 decoded as (1234, ");

        Columns zeroes = copy(encoded);
        encoded.epochs[7] = 0.0;
        zeroes.epochs[7] = -0.0; // equal as doubles, not as bits
        assertThatThrownBy(() -> DecoderWarmUp.requireSame(encoded, zeroes)).hasMessageContaining("point 7 ");

        Columns shorter = copy(encoded);
        shorter.size--;
        assertThatThrownBy(() -> DecoderWarmUp.requireSame(encoded, shorter))
                .hasMessage("chunk decoder self-check: 2999 points decoded, 3000 encoded");
    }

    private static Columns copy(Columns c) {
        Columns copy = new Columns(c.size);
        for (int i = 0; i < c.size; i++) {
            copy.add(c.iterations[i], c.epochs[i], c.values[i], c.timestamps[i]);
        }
        return copy;
    }
}
