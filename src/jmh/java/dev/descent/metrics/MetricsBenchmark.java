package dev.descent.metrics;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the analytics engine, reported in points per second (one operation = one point).
 * Run: {@code ./mvnw -Pbench verify} (see docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsBenchmark {

    static final int POINTS = 1_000_000;

    long[] x;
    double[] y;
    double[] epochs;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        x = new long[POINTS];
        y = new double[POINTS];
        epochs = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = i;
            epochs[i] = i / 1000.0;
            y[i] = 2 * Math.exp(-i / 200_000.0) + 0.1 + random.nextGaussian() * 0.05;
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void accumulatorAppends(Blackhole hole) {
        var accumulator = new LossMetricsAccumulator(10);
        for (int i = 0; i < POINTS; i++) {
            accumulator.append(x[i], epochs[i], y[i]);
        }
        hole.consume(accumulator.metrics(0.01, Estimator.LINEAR));
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double[] emaOneMillion() {
        return Ema.smooth(y, 0.6);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public int[] m4OneMillionTo2000Buckets() {
        return Downsampler.m4(x, y, 2000);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public LossMetrics fullRecompute() {
        return LossMetrics.compute(x, epochs, y, MetricsOptions.DEFAULTS);
    }
}
