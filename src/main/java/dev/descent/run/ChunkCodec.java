package dev.descent.run;

import java.util.Arrays;

/**
 * The bytes of one stored chunk: up to {@link #MAX_POINTS} consecutive points of one series, bit-exact.
 * <ul>
 *   <li>iterations and timestamps: the first as a zig-zag varint, then delta-of-deltas as zig-zag varints
 *       (a step every iteration, logged every second or so, costs about one byte each);</li>
 *   <li>epochs: a presence map (none, all, or a bitmap), then each present epoch XORed with its linear
 *       prediction from the two before ({@code 2·e₁ − e₀}), Gorilla-coded: an epoch that grows by a constant
 *       step costs a few bits;</li>
 *   <li>values: XOR with the previous value, Gorilla-coded (Pelkonen et al., VLDB 2015): only the bits that
 *       changed are written, within the window of leading and trailing zeros.</li>
 * </ul>
 * Doubles travel as raw bits, so NaN payloads, infinities and -0.0 come back exactly. Formulas and measured
 * sizes: docs/decisions/DD008-chunked-series-storage.md.
 */
final class ChunkCodec {

    /** Points per chunk: a full chunk is 10–20 kB, small enough to rewrite when a batch lands in it. */
    static final int MAX_POINTS = 1024;
    private static final byte FORMAT = 1;
    private static final byte EPOCHS_NONE = 0;
    private static final byte EPOCHS_ALL = 1;
    private static final byte EPOCHS_SOME = 2;

    private ChunkCodec() {
    }

    /** Encodes points {@code [from, to)} of the columns. */
    static byte[] encode(long[] iterations, double[] epochs, double[] values, long[] timestamps, int from, int to) {
        int n = to - from;
        BitWriter out = new BitWriter(16 + n * 12);
        out.writeByte(FORMAT);
        out.writeVarLong(n);
        writeIntegers(out, iterations, from, to);
        writeIntegers(out, timestamps, from, to);
        int present = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(epochs[i])) {
                present++;
            }
        }
        if (present == 0) {
            out.writeByte(EPOCHS_NONE);
        } else {
            if (present == n) {
                out.writeByte(EPOCHS_ALL);
            } else {
                out.writeByte(EPOCHS_SOME);
                for (int i = from; i < to; i++) {
                    out.writeBit(!Double.isNaN(epochs[i]));
                }
            }
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
        Gorilla valueBits = new Gorilla(out);
        long previous = 0;
        for (int i = from; i < to; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            valueBits.write(bits ^ previous);
            previous = bits;
        }
        return out.toByteArray();
    }

    /** Appends the decoded points to {@code into}. */
    static void decode(byte[] chunk, Columns into) {
        BitReader in = new BitReader(chunk);
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown chunk format " + format);
        }
        int n = Math.toIntExact(in.readVarLong());
        long[] iterations = readIntegers(in, n);
        long[] timestamps = readIntegers(in, n);
        double[] epochs = new double[n];
        Arrays.fill(epochs, Double.NaN);
        byte presence = in.readByte();
        if (presence != EPOCHS_NONE) {
            boolean[] present = new boolean[n];
            for (int i = 0; i < n; i++) {
                present[i] = presence == EPOCHS_ALL || in.readBit();
            }
            GorillaReader epochBits = new GorillaReader(in);
            double e0 = 0;
            double e1 = 0;
            int seen = 0;
            for (int i = 0; i < n; i++) {
                if (present[i]) {
                    double e = Double.longBitsToDouble(epochBits.read() ^ Double.doubleToRawLongBits(predict(e0, e1, seen)));
                    epochs[i] = e;
                    e0 = e1;
                    e1 = e;
                    seen++;
                }
            }
        }
        GorillaReader valueBits = new GorillaReader(in);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long bits = valueBits.read() ^ previous;
            into.add(iterations[i], epochs[i], Double.longBitsToDouble(bits), timestamps[i]);
            previous = bits;
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

    private static void writeIntegers(BitWriter out, long[] column, int from, int to) {
        long previous = 0;
        long previousDelta = 0;
        for (int i = from; i < to; i++) {
            long delta = column[i] - previous;
            out.writeVarLong(zigZag(delta - previousDelta));
            previousDelta = delta;
            previous = column[i];
        }
    }

    private static long[] readIntegers(BitReader in, int n) {
        long[] column = new long[n];
        long previous = 0;
        long previousDelta = 0;
        for (int i = 0; i < n; i++) {
            long delta = previousDelta + unZigZag(in.readVarLong());
            column[i] = previous + delta;
            previousDelta = delta;
            previous = column[i];
        }
        return column;
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

    private static final class BitReader {
        private final byte[] bytes;
        private int position;
        private long acc;
        private int accBits;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean readBit() {
            return readBits(1) != 0;
        }

        long readBits(int count) {
            if (count > 32) {
                long high = readBits(count - 32);
                return (high << 32) | readBits(32);
            }
            while (accBits < count) {
                if (position >= bytes.length) {
                    throw new IllegalStateException("chunk ends early");
                }
                acc = (acc << 8) | (bytes[position++] & 0xff);
                accBits += 8;
            }
            accBits -= count;
            return (acc >>> accBits) & ((1L << count) - 1);
        }

        byte readByte() {
            return (byte) readBits(8);
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
