package dev.descent.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decodes a synthetic loss series a few times at start, before the server reports itself ready, so that the first
 * look at a long run after a restart finds the chunk decoder compiled. Without it that first read (a 1M-point run
 * is ~1,000 chunks) ran the decoder partly interpreted while the JIT's threads compiled it on the same two cores.
 * With this and {@code ReadPathWarmUp} (ingest) the benchmark's first read after a restart took 84–203 ms on H2,
 * without them 126–273 ms (docs/performance.md). It costs about 0.25 s at start on 2 vCPUs.
 * <p>
 * The decoded series is compared bit for bit with what was encoded: a decoder that does not give back its input on
 * this JVM stops the start instead of serving wrong numbers.
 */
@Component
@ConditionalOnProperty(name = "descent.warm-up.enabled", havingValue = "true", matchIfMissing = true)
class DecoderWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DecoderWarmUp.class);
    /** Enough chunks for a read's parallel decode, decoded enough times for the JIT's second tier. */
    private static final int CHUNKS = 64;
    private static final int ROUNDS = 16;
    private static final int POINTS_PER_CHUNK = 1_000;

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        warmUp();
        log.debug("Chunk decoder warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    static void warmUp() {
        Columns series = noisyLoss(CHUNKS * POINTS_PER_CHUNK);
        List<byte[]> chunks = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int from = 0; from < series.size; from += POINTS_PER_CHUNK) {
            offsets.add(from);
            chunks.add(ChunkCodec.encode(series.iterations, series.epochs, series.values, series.timestamps, from,
                    from + POINTS_PER_CHUNK));
        }
        for (int round = 0; round < ROUNDS; round++) {
            requireSame(series, ChunkCodec.decodeAll(chunks, offsets, series.size));
        }
    }

    /** A loss as a job logs it: every step, about 3 steps a second, 5,000 steps an epoch, noisy. */
    static Columns noisyLoss(int points) {
        Random random = new Random(points);
        Columns series = new Columns(points);
        long timestamp = 1_764_300_000_000L;
        for (int i = 0; i < points; i++) {
            timestamp += 300 + random.nextInt(40);
            series.add(i, i / 5_000.0, 0.2 + 2.3 * Math.exp(-i / 30_000.0) + 0.05 * random.nextGaussian(), timestamp);
        }
        return series;
    }

    /** Throws, naming the first point that differs, unless both hold the same points bit for bit. */
    static void requireSame(Columns expected, Columns decoded) {
        if (decoded.size != expected.size) {
            throw new IllegalStateException("chunk decoder self-check: " + decoded.size + " points decoded, "
                    + expected.size + " encoded");
        }
        for (int i = 0; i < expected.size; i++) {
            if (decoded.iterations[i] != expected.iterations[i] || decoded.timestamps[i] != expected.timestamps[i]
                    || Double.doubleToRawLongBits(decoded.epochs[i]) != Double.doubleToRawLongBits(expected.epochs[i])
                    || Double.doubleToRawLongBits(decoded.values[i]) != Double.doubleToRawLongBits(expected.values[i])) {
                throw new IllegalStateException("chunk decoder self-check: point " + i + " decoded as (" + decoded.iterations[i]
                        + ", " + decoded.epochs[i] + ", " + decoded.values[i] + ", " + decoded.timestamps[i] + "), encoded as ("
                        + expected.iterations[i] + ", " + expected.epochs[i] + ", " + expected.values[i] + ", "
                        + expected.timestamps[i] + ")");
            }
        }
    }
}
