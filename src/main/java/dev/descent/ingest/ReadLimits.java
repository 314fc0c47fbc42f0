package dev.descent.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What one read of points may cost (issue 11: one read naming {@code loss} 300 times with
 * {@code maxPoints=1000000} ran the server out of memory). A read names at most {@value #MAX_SERIES} series and
 * asks for at most {@value #MAX_POINTS_PER_RESPONSE} points in all (series × maxPoints); the answer is streamed,
 * one series in memory at a time. Large reads (over {@value #LARGE_READ} points) also queue for one of
 * {@value #CONCURRENT_LARGE_READS} permits, so a few of them in parallel cannot starve every other reader.
 * <p>
 * Every read of points or metrics also takes one of as many permits as there are cores: a read smooths and
 * downsamples the whole series (its cost grows with the run, not with {@code maxPoints}), and twenty readers
 * back to back otherwise took every core from ingest (soak benchmark, docs/performance.md).
 */
@Component
class ReadLimits {

    static final int MAX_SERIES = 50;
    static final long MAX_POINTS_PER_RESPONSE = 5_000_000;
    static final long LARGE_READ = 200_000;
    static final int CONCURRENT_LARGE_READS = 2;
    private static final long WAIT_SECONDS = 30;

    private final Semaphore largeReads = new Semaphore(CONCURRENT_LARGE_READS, true);
    private final Semaphore reads = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    /** Refuses a read over the limits with a 400 naming the limit. */
    static void check(int seriesCount, boolean allOfTheRun, int maxPoints) {
        if (seriesCount > MAX_SERIES) {
            throw ApiProblem.badRequest(java.util.List.of(allOfTheRun
                    ? "series: this run has " + seriesCount + " series, at most " + MAX_SERIES
                    + " can be read at once; name them with series=…"
                    : "series: at most " + MAX_SERIES + " series per request, got " + seriesCount));
        }
        if ((long) seriesCount * maxPoints > MAX_POINTS_PER_RESPONSE) {
            throw ApiProblem.badRequest(java.util.List.of("maxPoints: at most " + MAX_POINTS_PER_RESPONSE
                    + " points per response (series × maxPoints), asked for " + seriesCount + " × " + maxPoints
                    + "; ask for fewer series or a smaller maxPoints"));
        }
    }

    /** Admission for a read: one core's permit, and for large reads one of the large-read permits too. */
    Permit admit(int seriesCount, int maxPoints) {
        boolean large = (long) seriesCount * maxPoints > LARGE_READ;
        if (large) {
            acquire(largeReads, "maxPoints: the server is busy with other large reads (over " + LARGE_READ
                    + " points); retry later or ask for fewer points");
        }
        try {
            acquire(reads, "the server is busy with other reads; retry later");
        } catch (ApiProblem busy) {
            if (large) {
                largeReads.release();
            }
            throw busy;
        }
        return () -> {
            reads.release();
            if (large) {
                largeReads.release();
            }
        };
    }

    /** Admission for a metrics computation (a pass over the whole series). */
    Permit admitMetrics() {
        acquire(reads, "the server is busy with other reads; retry later");
        return reads::release;
    }

    private static void acquire(Semaphore permits, String busy) {
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, busy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting to read");
        }
    }

    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
