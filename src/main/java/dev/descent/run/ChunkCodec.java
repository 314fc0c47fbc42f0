package dev.descent.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The bytes of one stored chunk: up to {@link #MAX_POINTS} consecutive points of one series, bit-exact.
 * Each column is coded on its own; where two codes suit different series, the chunk takes the shorter one and says
 * so in one bit.
 * <ul>
 *   <li>iterations: the first as a zig-zag varint, then each delta-of-delta in a prefix code (Gorilla's
 *       timestamps): one bit for a regular step;</li>
 *   <li>timestamps: the same, or each step's distance from the chunk's median step in a Rice code (6 bits for
 *       steps 300–340 ms apart, against 9);</li>
 *   <li>epochs: a presence map (none, all, or a bitmap); then, when every present epoch is a decimal
 *       {@code m / 10^s} (say {@code step / 500.0}, or a Trainer's rounded {@code 1.25}), the {@code m} as an
 *       integer column; otherwise each epoch XORed with its linear prediction ({@code 2·e₁ − e₀}),
 *       Gorilla-coded;</li>
 *   <li>values: XOR with the previous value, Gorilla-coded (Pelkonen et al., VLDB 2015): only the bits that
 *       changed are written, within the window of leading and trailing zeros; or the difference of consecutive
 *       bit patterns in a Rice code, which a noisy full-precision loss fills with about 50 bits instead of
 *       Gorilla's 59.</li>
 * </ul>
 * Doubles travel as raw bits, so NaN payloads, infinities and -0.0 come back exactly. Formulas and measured
 * sizes: docs/decisions/DD008-chunked-series-storage.md.
 */
final class ChunkCodec {

    /** Points per chunk: a full chunk is 10–20 kB, small enough to rewrite when a batch lands in it. */
    static final int MAX_POINTS = 1024;
    private static final byte FORMAT = 3;
    /** The second format (timestamps and values always in Gorilla's codes), written until 30 Nov 2026: still read. */
    private static final byte FORMAT_2 = 2;
    /** The first format (varint deltas-of-deltas, epochs always XORed), written before 30 Nov 2026: still read. */
    private static final byte FORMAT_1 = 1;
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Whole numbers up to 2^53 are exact doubles. */
    private static final long MAX_EXACT = 1L << 53;
    /** A Rice quotient this large writes the number whole instead: a rare outlier costs 64 bits, not thousands. */
    private static final int RICE_ESCAPE = 24;
    private static final byte EPOCHS_NONE = 0;
    private static final byte EPOCHS_ALL = 1;
    private static final byte EPOCHS_SOME = 2;
    /** From this many chunks (~32k points) on, {@link #decodeAll} decodes them in parallel. */
    private static final int PARALLEL_DECODE_CHUNKS = 32;

    private ChunkCodec() {
    }

    /** Encodes points {@code [from, to)} of the columns. */
    static byte[] encode(long[] iterations, double[] epochs, double[] values, long[] timestamps, int from, int to) {
        int n = to - from;
        BitWriter out = new BitWriter(16 + n * 10);
        out.writeByte(FORMAT);
        out.writeVarLong(n);
        writeIntegers(out, iterations, from, to);
        writeTimestamps(out, timestamps, from, to);
        writeEpochs(out, epochs, from, to);
        writeValues(out, values, from, to);
        return out.toByteArray();
    }

    /** Appends the decoded points to {@code into}. */
    static void decode(byte[] chunk, Columns into) {
        into.ensureCapacity(into.size + pointCount(chunk));
        into.size += decodeAt(chunk, into, into.size);
    }

    /**
     * Consecutive chunks of one series, decoded into columns of {@code points} points; {@code offsets} says where
     * each chunk's points start. Chunks are disjoint and each knows its place, so a long series decodes on every
     * core: a first look at a 1M-point run is ~1,000 chunks.
     */
    static Columns decodeAll(List<byte[]> chunks, List<Integer> offsets, int points) {
        Columns columns = new Columns(points);
        IntStream indexes = IntStream.range(0, chunks.size());
        (chunks.size() >= PARALLEL_DECODE_CHUNKS ? indexes.parallel() : indexes)
                .forEach(i -> decodeAt(chunks.get(i), columns, offsets.get(i)));
        columns.size = points;
        return columns;
    }

    /** The number of points in a chunk, read from its header. */
    static int pointCount(byte[] chunk) {
        BitReader in = new BitReader(chunk);
        in.readByte();
        return Math.toIntExact(in.readVarLong());
    }

    /**
     * Writes the chunk's points into {@code into}'s arrays from index {@code at} on, which must have room for them,
     * and returns how many there were. It touches nothing else, so disjoint chunks may be decoded in parallel.
     */
    static int decodeAt(byte[] chunk, Columns into, int at) {
        BitReader in = new BitReader(chunk);
        byte format = in.readByte();
        if (format != FORMAT && format != FORMAT_2 && format != FORMAT_1) {
            throw new IllegalStateException("unknown chunk format " + format);
        }
        int n = Math.toIntExact(in.readVarLong());
        long[] iterations = into.iterations;
        long[] timestamps = into.timestamps;
        double[] epochs = into.epochs;
        double[] values = into.values;
        if (format == FORMAT_1) {
            readVarintIntegers(in, iterations, at, n);
            readVarintIntegers(in, timestamps, at, n);
        } else {
            readIntegers(in, iterations, at, n);
            if (format == FORMAT && in.readBit()) {
                readSteps(in, timestamps, at, n);
            } else {
                readIntegers(in, timestamps, at, n);
            }
        }
        readEpochs(in, format, epochs, at, n);
        if (format == FORMAT && in.readBit()) {
            readValueDeltas(in, values, at, n);
        } else {
            readValueXors(in, values, at, n);
        }
        return n;
    }

    /**
     * Timestamps in whichever of two codes is shorter for this chunk, after a bit saying which: deltas-of-deltas
     * (as iterations), best for a clock that ticks regularly, or each step's distance from the chunk's median step
     * in a Rice code ({@link #writeRice}), best for steps that jitter around a typical duration (a job logging
     * every ~320 ms: 6 bits a point instead of 9).
     */
    private static void writeTimestamps(BitWriter out, long[] timestamps, int from, int to) {
        writeShorter(out, 16 + (to - from) * 2, regular -> writeIntegers(regular, timestamps, from, to),
                steps -> writeSteps(steps, timestamps, from, to));
    }

    /**
     * The shorter of two codings of one column, after a bit saying which: 0 for the first (also when as long).
     * Each is written to a buffer of its own, sized from {@code bytes}.
     */
    private static void writeShorter(BitWriter out, int bytes, Consumer<BitWriter> first, Consumer<BitWriter> second) {
        BitWriter a = new BitWriter(bytes);
        first.accept(a);
        BitWriter b = new BitWriter(bytes);
        second.accept(b);
        boolean secondShorter = b.bitLength() < a.bitLength();
        out.writeBit(secondShorter);
        out.append(secondShorter ? b : a);
    }

    /** The first value as a zig-zag varint, the median step, then each step's distance from it in a Rice code. */
    private static void writeSteps(BitWriter out, long[] column, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        out.writeVarLong(zigZag(column[from]));
        if (n == 1) {
            return;
        }
        long[] steps = new long[n - 1];
        for (int i = from + 1; i < to; i++) {
            steps[i - from - 1] = column[i] - column[i - 1];
        }
        long[] sorted = steps.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        out.writeVarLong(zigZag(median));
        for (int i = 0; i < steps.length; i++) {
            steps[i] = zigZag(steps[i] - median);
        }
        writeRice(out, steps);
    }

    private static void readSteps(BitReader in, long[] column, int at, int n) {
        if (n == 0) {
            return;
        }
        column[at] = unZigZag(in.readVarLong());
        if (n == 1) {
            return;
        }
        long median = unZigZag(in.readVarLong());
        long[] steps = readRice(in, n - 1);
        for (int i = 1; i < n; i++) {
            column[at + i] = column[at + i - 1] + median + unZigZag(steps[i - 1]);
        }
    }

    /**
     * Values in whichever of two codes is shorter for this chunk, after a bit saying which: Gorilla's XOR code,
     * best for values that repeat or change in few bits (a learning rate, an accuracy, a float32 loss), or the
     * difference of consecutive values' bit patterns in a Rice code, best for a noisy full-precision loss, whose
     * changed bits Gorilla pays for with its window's overhead (about 50 bits a point instead of 59).
     */
    private static void writeValues(BitWriter out, double[] values, int from, int to) {
        writeShorter(out, 16 + (to - from) * 8, xors -> writeValueXors(xors, values, from, to),
                deltas -> writeValueDeltas(deltas, values, from, to));
    }

    /** Each value XORed with the one before, Gorilla-coded. */
    private static void writeValueXors(BitWriter out, double[] values, int from, int to) {
        Gorilla valueBits = new Gorilla(out);
        long previous = 0;
        for (int i = from; i < to; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            valueBits.write(bits ^ previous);
            previous = bits;
        }
    }

    private static void readValueXors(BitReader in, double[] values, int at, int n) {
        GorillaReader valueBits = new GorillaReader(in);
        long previous = 0;
        for (int i = at; i < at + n; i++) {
            long bits = valueBits.read() ^ previous;
            values[i] = Double.longBitsToDouble(bits);
            previous = bits;
        }
    }

    /**
     * The first value's 64 bits, then each difference of consecutive bit patterns (positive doubles' patterns grow
     * with their values, so a small change is a small difference), shifted right by the trailing zero bits all
     * differences share (29 for float32 values), in a Rice code. Differences wrap around 64 bits: exact for any bits.
     */
    private static void writeValueDeltas(BitWriter out, double[] values, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        long previous = Double.doubleToRawLongBits(values[from]);
        out.writeBits(previous, 64);
        long[] deltas = new long[n - 1];
        int shift = 63;
        for (int i = from + 1; i < to; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            long delta = bits - previous;
            deltas[i - from - 1] = delta;
            if (delta != 0) {
                shift = Math.min(shift, Long.numberOfTrailingZeros(delta));
            }
            previous = bits;
        }
        out.writeBits(shift, 6);
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = zigZag(deltas[i] >> shift);
        }
        writeRice(out, deltas);
    }

    private static void readValueDeltas(BitReader in, double[] values, int at, int n) {
        if (n == 0) {
            return;
        }
        long previous = in.readBits(64);
        values[at] = Double.longBitsToDouble(previous);
        int shift = (int) in.readBits(6);
        long[] deltas = readRice(in, n - 1);
        for (int i = 1; i < n; i++) {
            previous += unZigZag(deltas[i - 1]) << shift;
            values[at + i] = Double.longBitsToDouble(previous);
        }
    }

    /**
     * Non-negative numbers in a Rice code (Golomb with a power of two): the parameter {@code k} chosen for the
     * shortest result, then each number's {@code n >>> k} in unary and its {@code k} low bits; a number whose
     * quotient reaches {@link #RICE_ESCAPE} is written whole after the escape.
     */
    private static void writeRice(BitWriter out, long[] numbers) {
        int k = bestRiceParameter(numbers);
        out.writeBits(k, 6);
        for (long number : numbers) {
            long quotient = number >>> k;
            if (isShortQuotient(quotient)) {
                out.writeBits((1L << (quotient + 1)) - 2, (int) quotient + 1);
                out.writeBits(number, k);
            } else {
                out.writeBits((1L << RICE_ESCAPE) - 1, RICE_ESCAPE);
                out.writeBits(number, 64);
            }
        }
    }

    private static long[] readRice(BitReader in, int count) {
        int k = (int) in.readBits(6);
        long[] numbers = new long[count];
        for (int i = 0; i < count; i++) {
            int quotient = in.readOnes(RICE_ESCAPE);
            numbers[i] = quotient == RICE_ESCAPE ? in.readBits(64) : ((long) quotient << k) | in.readBits(k);
        }
        return numbers;
    }

    /** Whether a quotient is written in unary; not one of 2^63 or more (a negative long, from {@code k = 0}). */
    private static boolean isShortQuotient(long quotient) {
        return quotient >= 0 && quotient < RICE_ESCAPE;
    }

    /**
     * The parameter with the fewest bits in all, counted without writing: among those near the logarithm of the
     * numbers' median, where the best one is for the two-sided geometric shapes that differences have. (Near the
     * mean's, one spike to 1e30 in a chunk made every other number a few bits longer.)
     */
    private static int bestRiceParameter(long[] numbers) {
        if (numbers.length == 0) {
            return 0;
        }
        // The numbers are unsigned: flipping the sign bit makes the signed sort put them in their order.
        long[] flipped = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            flipped[i] = numbers[i] ^ Long.MIN_VALUE;
        }
        Arrays.sort(flipped);
        long median = flipped[flipped.length / 2] ^ Long.MIN_VALUE;
        int guess = 63 - Long.numberOfLeadingZeros(median | 1);
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = Math.max(0, guess - 4); k <= Math.min(63, guess + 3); k++) {
            long bits = 0;
            for (long number : numbers) {
                long quotient = number >>> k;
                bits += isShortQuotient(quotient) ? quotient + 1 + k : RICE_ESCAPE + 64;
            }
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            }
        }
        return best;
    }

    /**
     * Epochs: a presence map, then either decimals (every present epoch is {@code m / 10^s} for a whole {@code m}
     * and one scale {@code s}: the {@code m} as an integer column) or XORs with a linear prediction.
     */
    private static void writeEpochs(BitWriter out, double[] epochs, int from, int to) {
        int n = to - from;
        int present = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(epochs[i])) {
                present++;
            }
        }
        if (present == 0) {
            out.writeByte(EPOCHS_NONE);
            return;
        }
        if (present == n) {
            out.writeByte(EPOCHS_ALL);
        } else {
            out.writeByte(EPOCHS_SOME);
            for (int i = from; i < to; i++) {
                out.writeBit(!Double.isNaN(epochs[i]));
            }
        }
        long[] presentEpochs = new long[present];
        int scale = decimalScale(epochs, from, to, presentEpochs);
        if (scale >= 0) {
            out.writeBit(true);
            out.writeBits(scale, 4);
            writeIntegers(out, presentEpochs, 0, present);
            return;
        }
        out.writeBit(false);
        Gorilla epochBits = new Gorilla(out);
        double e0 = 0;
        double e1 = 0;
        int seen = 0;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(epochs[i])) {
                continue;
            }
            epochBits.write(Double.doubleToRawLongBits(epochs[i]) ^ Double.doubleToRawLongBits(predict(e0, e1, seen)));
            e0 = e1;
            e1 = epochs[i];
            seen++;
        }
    }

    /**
     * The smallest scale {@code s} at which every present epoch is exactly {@code m / 10^s} (bit for bit, as the
     * decoder will compute it), with the {@code m} written to {@code into}; -1 if there is none. Epochs such as
     * {@code step / 500.0}, a Trainer's rounded {@code 1.25} or a whole epoch all have one.
     */
    private static int decimalScale(double[] epochs, int from, int to, long[] into) {
        for (int scale = 0; scale < POWERS_OF_TEN.length; scale++) {
            double power = POWERS_OF_TEN[scale];
            boolean exact = true;
            int k = 0;
            for (int i = from; i < to && exact; i++) {
                double e = epochs[i];
                if (Double.isNaN(e)) {
                    continue;
                }
                long m = Math.round(e * power);
                exact = Math.abs(m) <= MAX_EXACT && Double.doubleToRawLongBits(m / power) == Double.doubleToRawLongBits(e);
                into[k++] = m;
            }
            if (exact) {
                return scale;
            }
        }
        return -1;
    }

    private static void readEpochs(BitReader in, byte format, double[] epochs, int at, int n) {
        byte presence = in.readByte();
        if (presence == EPOCHS_NONE) {
            Arrays.fill(epochs, at, at + n, Double.NaN);
            return;
        }
        int present = n;
        if (presence == EPOCHS_SOME) {
            present = 0;
            for (int i = at; i < at + n; i++) {
                boolean here = in.readBit();
                epochs[i] = here ? 0 : Double.NaN;
                present += here ? 1 : 0;
            }
        }
        if (format != FORMAT_1 && in.readBit()) {
            double power = POWERS_OF_TEN[(int) in.readBits(4)];
            long[] scaled = new long[present];
            readIntegers(in, scaled, 0, present);
            int k = 0;
            for (int i = at; i < at + n; i++) {
                if (presence == EPOCHS_ALL || !Double.isNaN(epochs[i])) {
                    epochs[i] = scaled[k++] / power;
                }
            }
            return;
        }
        GorillaReader epochBits = new GorillaReader(in);
        double e0 = 0;
        double e1 = 0;
        int seen = 0;
        for (int i = at; i < at + n; i++) {
            if (presence == EPOCHS_ALL || !Double.isNaN(epochs[i])) {
                double e = Double.longBitsToDouble(epochBits.read() ^ Double.doubleToRawLongBits(predict(e0, e1, seen)));
                epochs[i] = e;
                e0 = e1;
                e1 = e;
                seen++;
            }
        }
    }

    /** The epoch expected next: the same step again. Deterministic, so the decoder predicts the same. */
    private static double predict(double e0, double e1, int seen) {
        return switch (seen) {
            case 0 -> 0;
            case 1 -> e1;
            default -> e1 + (e1 - e0);
        };
    }

    /**
     * The first value as a zig-zag varint, then each delta-of-delta in a prefix code (after Gorilla's
     * timestamps): {@code 0} for none, which a regular step costs, then 7, 9 or 12 bits, or a varint.
     */
    private static void writeIntegers(BitWriter out, long[] column, int from, int to) {
        long previous = 0;
        long previousDelta = 0;
        for (int i = from; i < to; i++) {
            long delta = column[i] - previous;
            long zz = zigZag(delta - previousDelta);
            if (i == from) {
                out.writeVarLong(zigZag(column[i]));
                delta = 0;
            } else if (zz == 0) {
                out.writeBit(false);
            } else if (zz >>> 7 == 0) {
                out.writeBits(0b10, 2);
                out.writeBits(zz, 7);
            } else if (zz >>> 9 == 0) {
                out.writeBits(0b110, 3);
                out.writeBits(zz, 9);
            } else if (zz >>> 12 == 0) {
                out.writeBits(0b1110, 4);
                out.writeBits(zz, 12);
            } else {
                out.writeBits(0b1111, 4);
                out.writeVarLong(zz);
            }
            previousDelta = delta;
            previous = column[i];
        }
    }

    private static void readIntegers(BitReader in, long[] column, int at, int n) {
        long previous = 0;
        long previousDelta = 0;
        for (int i = at; i < at + n; i++) {
            if (i == at) {
                previous = unZigZag(in.readVarLong());
                column[i] = previous;
                continue;
            }
            long zz;
            if (!in.readBit()) {
                zz = 0;
            } else if (!in.readBit()) {
                zz = in.readBits(7);
            } else if (!in.readBit()) {
                zz = in.readBits(9);
            } else if (!in.readBit()) {
                zz = in.readBits(12);
            } else {
                zz = in.readVarLong();
            }
            long delta = previousDelta + unZigZag(zz);
            column[i] = previous + delta;
            previousDelta = delta;
            previous = column[i];
        }
    }

    /** Format 1's integer columns: every delta-of-delta a zig-zag varint. Still read; no longer written. */
    private static void readVarintIntegers(BitReader in, long[] column, int at, int n) {
        long previous = 0;
        long previousDelta = 0;
        for (int i = at; i < at + n; i++) {
            long delta = previousDelta + unZigZag(in.readVarLong());
            column[i] = previous + delta;
            previousDelta = delta;
            previous = column[i];
        }
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Gorilla's XOR coding: 0 for an unchanged value, else the changed bits within a leading/trailing window. */
    private static final class Gorilla {
        private final BitWriter out;
        private int leading = Integer.MAX_VALUE;
        private int trailing;

        Gorilla(BitWriter out) {
            this.out = out;
        }

        void write(long xor) {
            if (xor == 0) {
                out.writeBit(false);
                return;
            }
            out.writeBit(true);
            int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
            int trail = Long.numberOfTrailingZeros(xor);
            if (leading != Integer.MAX_VALUE && lead >= leading && trail >= trailing) {
                out.writeBit(false);
                out.writeBits(xor >>> trailing, 64 - leading - trailing);
            } else {
                leading = lead;
                trailing = trail;
                int length = 64 - lead - trail;
                out.writeBit(true);
                out.writeBits(lead, 5);
                out.writeBits(length - 1, 6);
                out.writeBits(xor >>> trail, length);
            }
        }
    }

    private static final class GorillaReader {
        private final BitReader in;
        private int leading;
        private int trailing;

        GorillaReader(BitReader in) {
            this.in = in;
        }

        long read() {
            if (!in.readBit()) {
                return 0;
            }
            if (in.readBit()) {
                leading = (int) in.readBits(5);
                int length = (int) in.readBits(6) + 1;
                trailing = 64 - leading - length;
            }
            int length = 64 - leading - trailing;
            return in.readBits(length) << trailing;
        }
    }

    /** Bits, most significant first, gathered in a 64-bit accumulator and flushed a byte at a time. */
    private static final class BitWriter {
        private byte[] bytes;
        private int size;
        private long acc;
        private int accBits;

        BitWriter(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void writeBit(boolean bit) {
            writeBits(bit ? 1 : 0, 1);
        }

        void writeBits(long value, int count) {
            if (count > 32) {
                writeBits(value >>> 32, count - 32);
                writeBits(value & 0xFFFF_FFFFL, 32);
                return;
            }
            acc = (acc << count) | (value & ((1L << count) - 1));
            accBits += count;
            while (accBits >= 8) {
                accBits -= 8;
                put((byte) (acc >>> accBits));
            }
            acc &= (1L << accBits) - 1;
        }

        void writeByte(int value) {
            writeBits(value & 0xff, 8);
        }

        long bitLength() {
            return size * 8L + accBits;
        }

        /** Writes every bit written to {@code other}. */
        void append(BitWriter other) {
            for (int i = 0; i < other.size; i++) {
                writeBits(other.bytes[i] & 0xff, 8);
            }
            writeBits(other.acc, other.accBits);
        }

        void writeVarLong(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                writeByte((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            writeByte((int) v);
        }

        private void put(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = b;
        }

        byte[] toByteArray() {
            if (accBits > 0) {
                put((byte) (acc << (8 - accBits)));
                accBits = 0;
                acc = 0;
            }
            return Arrays.copyOf(bytes, size);
        }
    }

    /**
     * Bits, most significant first. Each read takes the 8 bytes at its position as one big-endian word, so any
     * read of up to 56 bits costs the same few operations (a byte-at-a-time reader spent most of a decode looping).
     */
    private static final class BitReader {
        private static final VarHandle BIG_ENDIAN_LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        private final byte[] bytes;
        private final long bitLength;
        private long position;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
            this.bitLength = bytes.length * 8L;
        }

        boolean readBit() {
            return readBits(1) != 0;
        }

        long readBits(int count) {
            if (count > 56) {
                long high = readBits(count - 32);
                return (high << 32) | readBits(32);
            }
            long end = position + count;
            if (end > bitLength) {
                throw new IllegalStateException("chunk ends early");
            }
            long word = wordAt(position);
            position = end;
            return count == 0 ? 0 : word >>> (64 - count);
        }

        byte readByte() {
            return (byte) readBits(8);
        }

        /** Reads 1 bits up to the first 0 (read too) or {@code max} of them, and returns how many there were. */
        int readOnes(int max) {
            int ones = 0;
            while (true) {
                // at least 57 bits of the word are the chunk's (or zeros past its end, which stop a run)
                int valid = 64 - (int) (position & 7);
                int run = Math.min(Long.numberOfLeadingZeros(~wordAt(position)), valid);
                if (ones + run >= max) {
                    skip(max - ones);
                    return max;
                }
                if (run < valid) {
                    skip(run + 1);
                    return ones + run;
                }
                skip(run);
                ones += run;
            }
        }

        private void skip(int count) {
            position += count;
            if (position > bitLength) {
                throw new IllegalStateException("chunk ends early");
            }
        }

        /** The 64 bits from {@code bit} on, left-aligned; zeros past the chunk's end. */
        private long wordAt(long bit) {
            int index = (int) (bit >>> 3);
            long word;
            if (index + Long.BYTES <= bytes.length) {
                word = (long) BIG_ENDIAN_LONGS.get(bytes, index);
            } else {
                word = 0;
                for (int i = index; i < index + Long.BYTES; i++) {
                    word = (word << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
                }
            }
            return word << (bit & 7);
        }

        long readVarLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                long b = readBits(8);
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint too long");
        }
    }
}
