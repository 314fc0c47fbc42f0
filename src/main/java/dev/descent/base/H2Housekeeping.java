package dev.descent.base;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the H2 file dense while Descent runs, and forces it to disk (DD008).
 * <p>
 * H2's store is copy-on-write, and with {@code WRITE_DELAY=0} (DD005) every commit is a chunk of its own in the
 * file, holding the pages that commit changed. Most of them are replaced by the next commits, but H2 frees a chunk of
 * the file only when nothing in it is live: the file held 2.5 to 3.5 times its live data between restarts. H2
 * rewrites such chunks in its background writer, which {@code WRITE_DELAY=0} switches off. This job does it instead,
 * every {@code interval}: if less than {@value #TARGET_FILL} % of the chunks' bytes are live, it rewrites the live
 * pages of the sparsest ones ({@link MVStore#compact}, the step H2's own housekeeping runs beside writers) and
 * commits them into the first free space of the file; the chunks they left are free for later writes, and once the
 * end of the file is free H2 cuts it off. While nobody writes, it stops after {@value #IDLE_PATIENCE} runs in a row
 * that made the file neither smaller nor denser, until the next write.
 * <p>
 * It does not move chunks ({@code RandomAccessStore.compactMoveChunks}, H2's other idle step): in this project's
 * test suite that tripped an assertion inside H2 2.4.240 ({@code FreeSpaceBitSet.allocate}), which closes the
 * database, as {@code compactFile} did before (DD008).
 * <p>
 * H2 reuses the space of a dead chunk only once the chunk is older than the retention time, counted from when the
 * chunk was written (H2 2.4.240), so the chunks of the last moments are never overwritten. Its default, 45 s, kept
 * every chunk written during a busy minute unusable long after it died. Here the file is forced to disk
 * ({@code fsync}) at every run after anything was written, and the retention time is {@value #RETENTION_RUNS} runs
 * (800 ms by default). A power failure then loses the acknowledged points since the last run's {@code fsync}, about
 * one interval, where it used to rely on the operating system (DD005); that the file then opens rests on H2's own
 * recovery, as with H2's defaults: an older chunk that died after the last {@code fsync} may already be
 * overwritten, and no power cut is tested here. A killed process loses nothing, as before: every commit is in the
 * file before the API answers.
 */
@Component
class H2Housekeeping implements SmartLifecycle {

    /** Rewrite when less than this share (in %) of the file's chunks is live, and until it is. */
    static final int TARGET_FILL = 85;
    /** Live bytes rewritten per run at most: bounded work beside the writers. */
    static final int MAX_REWRITE_BYTES = 8 << 20;
    /**
     * While nobody writes, runs in a row that may neither shrink the file nor make its chunks denser before the job
     * rests until the next write: longer than the retention time, during which the space of a chunk written just
     * before cannot be used yet.
     */
    static final int IDLE_PATIENCE = 10;
    /**
     * How long after a chunk was written H2 may not overwrite it, in runs of this job: the chunks of the last
     * several syncs stay as they are.
     */
    static final int RETENTION_RUNS = 4;

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final boolean enabled;
    private volatile @Nullable ScheduledExecutorService timer;
    private volatile @Nullable MVStore store;
    private volatile boolean running;
    /** The file's write count when the last run ended: what it wrote itself is synced and is not someone's write. */
    private long writesAfterLastRun = -1;
    /** Since others last wrote: the smallest file and densest chunks seen, and the runs that bettered neither. */
    private long smallestWhileIdle = Long.MAX_VALUE;
    private int densestWhileIdle = -1;
    private volatile int fruitlessIdleRuns;
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();

    H2Housekeeping(DataSource dataSource,
                   @Value("${descent.h2.housekeeping.interval:200ms}") Duration interval,
                   @Value("${descent.h2.housekeeping.enabled:true}") boolean enabled) {
        if (interval.toMillis() < 1 || interval.toSeconds() > 10) {
            throw new IllegalArgumentException("descent.h2.housekeeping.interval must be between 1 ms and 10 s, was "
                    + interval);
        }
        this.dataSource = dataSource;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        running = true;
        MVStore found = enabled ? fileStoreOf(dataSource) : null;
        if (found == null) {
            return;
        }
        found.setRetentionTime(Math.toIntExact(interval.toMillis() * RETENTION_RUNS));
        store = found;
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("h2-housekeeping").daemon().factory());
        this.timer = timer;
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    }

    /** One run: rewrite sparse chunks unless resting, then force what was written since the last run to disk. */
    void runOnce() {
        MVStore store = this.store;
        if (store == null || store.isClosed()) {
            return;
        }
        try {
            FileStore<?> file = store.getFileStore();
            int fill = file.getChunksFillRate();
            boolean idle = file.getWriteCount() == writesAfterLastRun;
            long size = file.size();
            if (!idle) {
                smallestWhileIdle = Long.MAX_VALUE;
                densestWhileIdle = -1;
                fruitlessIdleRuns = 0;
            } else if (size < smallestWhileIdle || fill > densestWhileIdle) {
                smallestWhileIdle = Math.min(smallestWhileIdle, size);
                densestWhileIdle = Math.max(densestWhileIdle, fill);
                fruitlessIdleRuns = 0;
            } else {
                fruitlessIdleRuns++;
            }
            if (log.isDebugEnabled()) {
                log.debug("chunks {} % live, file {} % live, {} bytes, idle {}, fruitless idle runs {}", fill,
                        store.getFillRate(), size, idle, fruitlessIdleRuns);
            }
            if (resting()) {
                // Nobody writes, and the last runs neither shrank the file nor made its chunks denser: an idle
                // server leaves its disk alone.
            } else if (fill < TARGET_FILL && store.compact(TARGET_FILL, MAX_REWRITE_BYTES)) {
                // Rewrite the live pages of sparse chunks: a chunk left empty is free for later writes. compact
                // moves the pages in memory; the commit writes them, into the first free space of the file, and
                // the chunks they left become free; once the end of the file is free, H2 cuts it off.
                store.commit();
                compactions.incrementAndGet();
            }
            long writes = file.getWriteCount();
            if (writes != writesAfterLastRun) {
                store.sync();
            }
            writesAfterLastRun = writes;
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                log.warn("H2 housekeeping failed; trying again in {}", interval, e);
            }
        } finally {
            runs.incrementAndGet();
        }
    }

    /** Whether it rests: nobody wrote since its last runs, and they could not make the file smaller or denser. */
    boolean resting() {
        return fruitlessIdleRuns > IDLE_PATIENCE;
    }

    /** How many runs rewrote pages, and how many runs there were: for tests. */
    long compactions() {
        return compactions.get();
    }

    long runs() {
        return runs.get();
    }

    /** H2's store behind an embedded file database, or null for any other database (in memory, remote, not H2). */
    static @Nullable MVStore fileStoreOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
            if (!(h2.getSession() instanceof SessionLocal session)) {
                return null;
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            return store.getFileStore() == null ? null : store;
        } catch (SQLException e) {
            log.warn("Could not reach the H2 store; its file is not compacted while Descent runs", e);
            return null;
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService timer = this.timer;
        this.timer = null;
        store = null;
        if (timer != null) {
            // Not shutdownNow: an interrupt while H2 writes closes the database (see WebhookDispatcher.stop). The
            // run in progress is bounded (MAX_REWRITE_BYTES), and the database must not close under it.
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether it found an H2 file to look after (and was not switched off). */
    boolean isActive() {
        return store != null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
