package dev.descent.ingest;

import dev.descent.plot.Smoothing;
import dev.descent.run.SeriesData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.util.List;
import java.util.Random;

/**
 * Runs what a points read does after storage (EMA over the whole series, M4, the JSON answer) on a synthetic series
 * a few times at start, before the server reports itself ready. A first read of a 1M-point run after a restart
 * otherwise ran M4 partly interpreted until the JIT caught up: 10–96 ms for M4 and the answer, against 5–6 ms
 * once warmed (docs/performance.md). The chunk decoder warms up in its own package (run's {@code DecoderWarmUp}).
 * About 0.15 s at start on 2 vCPUs.
 */
@Component
@ConditionalOnProperty(name = "descent.warm-up.enabled", havingValue = "true", matchIfMissing = true)
class ReadPathWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadPathWarmUp.class);
    private static final int POINTS = 250_000;
    private static final int ROUNDS = 8;

    private final JsonMapper json;

    ReadPathWarmUp(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        SeriesData series = noisyLoss(POINTS);
        for (int round = 0; round < ROUNDS; round++) {
            // the API's default read of a whole series: 2,000 points, TensorBoard's smoothing
            SeriesResponses.json(json, OutputStream.nullOutputStream(), 0, List.of(series.series()), true,
                    name -> SeriesReader.points(series, 0, Long.MAX_VALUE, 2_000, Smoothing.DEFAULT));
        }
        log.debug("Read path warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** A noisy decaying loss, one point a step, with epochs and timestamps. */
    static SeriesData noisyLoss(int points) {
        Random random = new Random(points);
        long[] iterations = new long[points];
        double[] epochs = new double[points];
        double[] values = new double[points];
        long[] timestamps = new long[points];
        long timestamp = 1_764_300_000_000L;
        for (int i = 0; i < points; i++) {
            timestamp += 300 + random.nextInt(40);
            iterations[i] = i;
            epochs[i] = i / 5_000.0;
            values[i] = 0.2 + 2.3 * Math.exp(-i / 50_000.0) + 0.05 * random.nextGaussian();
            timestamps[i] = timestamp;
        }
        return new SeriesData("loss", iterations, epochs, values, timestamps);
    }
}
