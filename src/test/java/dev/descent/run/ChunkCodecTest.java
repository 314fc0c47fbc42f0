package dev.descent.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every column comes back bit for bit, whatever it holds; a realistic series takes few bytes per point. */
class ChunkCodecTest {

    private static Columns roundTrip(Columns in) {
        byte[] bytes = ChunkCodec.encode(in.iterations, in.epochs, in.values, in.timestamps, 0, in.size);
        Columns out = new Columns(in.size);
        ChunkCodec.decode(bytes, out);
        return out;
    }

    private static void assertSame(Columns in, Columns out) {
        assertThat(out.size).isEqualTo(in.size);
        for (int i = 0; i < in.size; i++) {
            assertThat(out.iterations[i]).as("iteration %d", i).isEqualTo(in.iterations[i]);
            assertThat(out.timestamps[i]).as("timestamp %d", i).isEqualTo(in.timestamps[i]);
            assertThat(Double.doubleToRawLongBits(out.epochs[i])).as("epoch bits %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(in.epochs[i]));
            assertThat(Double.doubleToRawLongBits(out.values[i])).as("value bits %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(in.values[i]));
        }
    }

    /** A noisy loss logged every step, a job writing about 3 steps a second, 500 steps an epoch. */
    private static Columns realistic(int n, long seed) {
        Random random = new Random(seed);
        Columns c = new Columns(n);
        long t = 1_764_300_000_000L;
        for (int i = 0; i < n; i++) {
            t += 300 + random.nextInt(40);
            double loss = 0.2 + 2.3 * Math.exp(-i / 3000.0) + 0.05 * random.nextGaussian();
            c.add(i, i / 500.0, loss, t);
        }
        return c;
    }

    private static double bytesPerPoint(Columns c) {
        return (double) ChunkCodec.encode(c.iterations, c.epochs, c.values, c.timestamps, 0, c.size).length / c.size;
    }

    @Test
    void a_realistic_noisy_loss_takes_under_eight_bytes_a_point() {
        Columns c = realistic(ChunkCodec.MAX_POINTS, 1);
        assertSame(c, roundTrip(c));
        // Full-precision noisy values cost ~6.4 bytes as bit-pattern differences in a Rice code (7.4 in Gorilla's
        // XOR code, the second format: 8.9 bytes a point in all); iterations, epochs (a decimal: step / 500.0) and
        // timestamps a few tens of ms apart ~1 together.
        assertThat(bytesPerPoint(c)).as("bytes per point").isLessThan(8);
    }

    /** PyTorch's {@code loss.item()} is a float32 widened to a double: 29 trailing zero bits that cost nothing. */
    @Test
    void a_float32_loss_takes_under_four_and_a_half_bytes_a_point() {
        Columns c = realistic(ChunkCodec.MAX_POINTS, 4);
        for (int i = 0; i < c.size; i++) {
            c.values[i] = (float) c.values[i];
        }
        assertSame(c, roundTrip(c));
        assertThat(bytesPerPoint(c)).as("bytes per point").isLessThan(4.5);
    }

    /**
     * A value or a step far off the rest (a loss spike to 1e30, a job paused for a day) is written whole after an
     * escape, and the rest of the chunk keeps its short code.
     */
    @Test
    void an_outlier_costs_a_few_bytes_and_comes_back_exactly() {
        Columns plain = realistic(ChunkCodec.MAX_POINTS, 5);
        Columns spiked = realistic(ChunkCodec.MAX_POINTS, 5);
        spiked.values[500] = 1e30;
        for (int i = 700; i < spiked.size; i++) {
            spiked.timestamps[i] += 86_400_000L;
        }
        assertSame(spiked, roundTrip(spiked));
        assertThat(bytesPerPoint(spiked) * spiked.size).as("bytes for the spike and the pause")
                .isLessThan(bytesPerPoint(plain) * plain.size + 40);
    }

    @Test
    void epochs_that_are_not_decimals_still_round_trip_and_whole_epochs_cost_almost_nothing() {
        Columns thirds = realistic(ChunkCodec.MAX_POINTS, 3);
        Columns whole = realistic(ChunkCodec.MAX_POINTS, 3);
        Columns trainer = realistic(ChunkCodec.MAX_POINTS, 3);
        for (int i = 0; i < thirds.size; i++) {
            thirds.epochs[i] = i / 313.0; // a PyTorch loop's step / len(loader): no decimal scale fits
            whole.epochs[i] = i / 313; // Lightning's whole epochs
            trainer.epochs[i] = Math.round(i / 313.0 * 100) / 100.0; // a Trainer log's two decimals
        }
        for (Columns c : new Columns[]{thirds, whole, trainer}) {
            assertSame(c, roundTrip(c));
        }
        assertThat(bytesPerPoint(whole)).isLessThan(bytesPerPoint(thirds) - 1);
        assertThat(bytesPerPoint(trainer)).isLessThan(bytesPerPoint(thirds) - 1);
    }

    /** The points of the fixtures below, chunks written by earlier formats. */
    private static Columns fixturePoints() {
        Columns points = new Columns(8);
        points.add(0, Double.NaN, Double.NaN, 1_764_300_000_000L);
        points.add(5, 0.01, Double.POSITIVE_INFINITY, 1_764_300_000_310L);
        points.add(10, 0.02, 2.5, 1_764_300_000_633L);
        points.add(15, 0.03, -0.0, 1_764_300_000_950L);
        points.add(1_000_000, 1.5, 0.123456789, 1_764_300_100_000L);
        return points;
    }

    /**
     * A chunk written by the first format (before 30 Nov 2026) or the second (until the evening of 30 Nov 2026) is
     * still read, bit for bit.
     */
    @ParameterizedTest(name = "format {0}")
    @CsvSource({
            "1, 0105000a0000d8887a80accc87d96693a7cc87d9661a0bda860c027e2f7f847ae147ae147b8010000000000000402e3d"
                    + "70a3d70a3d612fffe001c45ffee037001c1fdfdfcd6e9b9cb1af80",
            "2, 020500851fb110f50159990fb2cdc4d91a85fed4306013e40502692612fffe001c45ffee037001c1fdfdfcd6e9b9cb1af8"})
    void a_chunk_of_an_earlier_format_is_still_read(int format, String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertThat(bytes[0]).isEqualTo((byte) format);
        Columns out = new Columns(1);
        ChunkCodec.decode(bytes, out);
        assertSame(fixturePoints(), out);
    }

    @Test
    void new_chunks_are_written_in_the_third_format() {
        Columns points = fixturePoints();
        assertThat(ChunkCodec.encode(points.iterations, points.epochs, points.values, points.timestamps, 0,
                points.size)[0]).isEqualTo((byte) 3);
    }

    @Test
    void special_values_missing_epochs_and_extreme_integers_come_back_exactly() {
        Columns c = new Columns(16);
        double[] specials = {Double.NaN, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300};
        long[] iterations = {0, 1, 2, 1_000_000, 1_000_001, Long.MAX_VALUE / 2, Long.MAX_VALUE - 3,
                Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] timestamps = {0, Long.MAX_VALUE, 0, 5, Long.MAX_VALUE / 3, 1, 2, Long.MAX_VALUE, 0, 17};
        for (int i = 0; i < specials.length; i++) {
            c.add(iterations[i], i % 3 == 0 ? Double.NaN : i * 0.37, specials[i], timestamps[i]);
        }
        assertSame(c, roundTrip(c));
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3, 5, 8, 13})
    void random_columns_round_trip(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(ChunkCodec.MAX_POINTS);
        Columns c = new Columns(n);
        long iteration = random.nextInt(1000);
        boolean epochs = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            iteration += 1 + (random.nextInt(10) == 0 ? random.nextInt(1_000_000) : 0);
            double value = switch (random.nextInt(6)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Double.NaN;
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
            };
            double epoch = epochs && random.nextInt(5) > 0 ? Math.abs(random.nextGaussian()) * 100 : Double.NaN;
            c.add(iteration, epoch, value, random.nextLong());
        }
        assertSame(c, roundTrip(c));
    }

    /** Columns of one of four timestamp styles and values of every kind, a different mix per seed. */
    private static Columns mixed(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(ChunkCodec.MAX_POINTS);
        Columns c = new Columns(n);
        long t = random.nextLong();
        double value = random.nextGaussian();
        int style = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            t += switch (style) {
                case 0 -> 1_000;
                case 1 -> 300 + random.nextInt(40);
                case 2 -> random.nextInt(100) == 0 ? random.nextLong() : 5;
                default -> -random.nextInt(1_000);
            };
            value = switch (random.nextInt(5)) {
                case 0 -> value;
                case 1 -> (float) (value + random.nextGaussian() * 0.01);
                case 2 -> -value;
                case 3 -> random.nextInt(50) == 0 ? Double.NaN : value + random.nextGaussian();
                default -> Double.longBitsToDouble(random.nextLong());
            };
            c.add(i * (1 + style), random.nextBoolean() ? i / 7.0 : Double.NaN, value, t);
        }
        return c;
    }

    /** Columns mixing what each code handles best, so that every chunk picks its codes from a different mix. */
    @Test
    void mixed_columns_round_trip_whichever_codes_a_chunk_picks() {
        for (long seed = 0; seed < 300; seed++) {
            Columns c = mixed(seed);
            assertSame(c, roundTrip(c));
        }
    }

    @Test
    void a_part_of_the_columns_and_an_empty_chunk() {
        Columns c = realistic(100, 7);
        byte[] bytes = ChunkCodec.encode(c.iterations, c.epochs, c.values, c.timestamps, 40, 60);
        Columns out = new Columns(20);
        ChunkCodec.decode(bytes, out);
        assertThat(out.size).isEqualTo(20);
        assertThat(out.iterations[0]).isEqualTo(40);
        assertThat(out.values[19]).isEqualTo(c.values[59]);

        Columns empty = new Columns(1);
        ChunkCodec.decode(ChunkCodec.encode(new long[0], new double[0], new double[0], new long[0], 0, 0), empty);
        assertThat(empty.size).isZero();
    }

    /**
     * A cut chunk is refused, never read as fewer or other points: the reader takes 8 bytes at a time and pads
     * past the end with zeros, which must not pass for data. Every length short of the whole, for chunks of each
     * style of the mixed test's columns.
     */
    @Test
    void every_cut_of_a_chunk_is_refused() {
        for (long seed = 0; seed < 20; seed++) {
            Columns c = seed % 2 == 0 ? realistic(50 + (int) seed, seed) : mixed(seed);
            byte[] bytes = ChunkCodec.encode(c.iterations, c.epochs, c.values, c.timestamps, 0, c.size);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = java.util.Arrays.copyOf(bytes, length);
                Columns out = new Columns(c.size);
                assertThatThrownBy(() -> ChunkCodec.decode(cut, out)).as("seed %d, %d of %d bytes", seed, length,
                        bytes.length).isInstanceOf(IllegalStateException.class).hasMessage("chunk ends early");
            }
        }
    }
}
