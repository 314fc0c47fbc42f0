package dev.descent.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A series being written while it loads is still cached (soak benchmark: once evicted, the series of a run
 * written four times a second was never cached again, and every read went to the database for seconds).
 */
class SeriesCacheTest {

    private static final long RUN = 7;

    private static SeriesData stored(long fromIteration, long toIteration) {
        long[] iterations = LongStream.rangeClosed(fromIteration, toIteration).toArray();
        double[] values = LongStream.rangeClosed(fromIteration, toIteration).mapToDouble(i -> 1.0 / (i + 1)).toArray();
        double[] epochs = new double[iterations.length];
        java.util.Arrays.fill(epochs, Double.NaN);
        return new SeriesData("loss", iterations, epochs, values, iterations.clone());
    }

    private static NewPoint point(long iteration) {
        return new NewPoint("loss", iteration, null, 1.0 / (iteration + 1), iteration);
    }

    /** A load that, while it reads, sees the given change committed (as a concurrent batch would). */
    private static Supplier<SeriesData> loadRacingWith(SeriesCache cache, AtomicInteger loads, Runnable commit,
                                                       SeriesData snapshot) {
        return () -> {
            loads.incrementAndGet();
            commit.run();
            return snapshot;
        };
    }

    private static Supplier<SeriesData> mustNotLoad() {
        return () -> {
            throw new AssertionError("served from the database although it should be cached");
        };
    }

    @Test
    void a_whole_series_read_is_not_changed_by_appends_after_it() {
        SeriesCache cache = new SeriesCache(1_000_000);
        SeriesData before = cache.read(RUN, "loss", 0, Long.MAX_VALUE, () -> stored(0, 99));
        SeriesData cached = cache.read(RUN, "loss", 0, Long.MAX_VALUE, mustNotLoad());
        long[] iterationsBefore = cached.iterations().clone();
        double[] valuesBefore = cached.values().clone();

        cache.onAppended(new PointsAppended(RUN, LongStream.range(100, 110).mapToObj(SeriesCacheTest::point).toList(), false));
        cache.onAppended(new PointsAppended(RUN, LongStream.range(110, 111).mapToObj(SeriesCacheTest::point).toList(), false));

        // What readers already hold (the cache hands the whole series over without a copy) stays as it was read.
        for (SeriesData held : List.of(before, cached)) {
            assertThat(held.iterations()).containsExactly(iterationsBefore);
            assertThat(held.values()).containsExactly(valuesBefore);
        }
        SeriesData after = cache.read(RUN, "loss", 0, Long.MAX_VALUE, mustNotLoad());
        assertThat(after.iterations()).containsExactly(LongStream.range(0, 111).toArray());
        assertThat(after.values()[110]).isEqualTo(1.0 / 111);
        assertThat(cache.read(RUN, "loss", 100, 104, mustNotLoad()).iterations()).containsExactly(100, 101, 102, 103, 104);
    }

    @Test
    void appends_committed_during_a_load_are_added_and_the_series_is_cached() {
        SeriesCache cache = new SeriesCache(1_000_000);
        AtomicInteger loads = new AtomicInteger();
        // The load read 0..99; meanwhile batches 100..149 (after its snapshot) and 90..99 (already in it) committed.
        SeriesData first = cache.read(RUN, "loss", 0, Long.MAX_VALUE, loadRacingWith(cache, loads, () -> {
            cache.onAppended(new PointsAppended(RUN, LongStream.range(100, 150).mapToObj(SeriesCacheTest::point).toList(), false));
            cache.onAppended(new PointsAppended(RUN, LongStream.range(90, 100).mapToObj(SeriesCacheTest::point).toList(), false));
        }, stored(0, 99)));

        assertThat(first.size()).as("the caller gets what the load read and what was committed meanwhile").isEqualTo(150);
        SeriesData cached = cache.read(RUN, "loss", 0, Long.MAX_VALUE, mustNotLoad());
        assertThat(cached.iterations()).containsExactly(LongStream.range(0, 150).toArray());
        assertThat(cached.values()[149]).isEqualTo(1.0 / 150);
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_late_point_or_a_replacement_during_a_load_is_not_cached_from_a_stale_read() {
        SeriesCache cache = new SeriesCache(1_000_000);
        AtomicInteger loads = new AtomicInteger();
        // A late point at iteration 50.5 does not exist: iteration 200 is missing from a snapshot of 0..99 and
        // 101..300, and it committed during the load.
        SeriesData gappy = new SeriesData("loss", new long[]{0, 1, 2, 4}, new double[]{Double.NaN, Double.NaN,
                Double.NaN, Double.NaN}, new double[]{1, 1, 1, 1}, new long[]{0, 1, 2, 4});
        cache.read(RUN, "loss", 0, Long.MAX_VALUE, loadRacingWith(cache, loads,
                () -> cache.onAppended(new PointsAppended(RUN, List.of(point(3)), false)), gappy));
        assertThat(cache.read(RUN, "loss", 0, Long.MAX_VALUE, () -> stored(0, 4)).iterations())
                .as("reloaded, not the stale read").containsExactly(0, 1, 2, 3, 4);

        SeriesCache other = new SeriesCache(1_000_000);
        other.read(RUN + 1, "loss", 0, Long.MAX_VALUE, loadRacingWith(other, loads,
                () -> other.onAppended(new PointsAppended(RUN + 1, List.of(point(5)), true)), stored(0, 9)));
        AtomicInteger reloads = new AtomicInteger();
        other.read(RUN + 1, "loss", 0, Long.MAX_VALUE, () -> {
            reloads.incrementAndGet();
            return stored(0, 9);
        });
        assertThat(reloads).as("a replaced point during the load means reading again").hasValue(1);
    }
}
