package dev.descent.base;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.RandomAccessStore;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Compacts the H2 database file when Descent starts, before anything opens it, if less than
 * {@value #BELOW_FILL} % of it is live data (DD008).
 * <p>
 * H2's store is copy-on-write: every commit writes the pages it changed to a new place, and a chunk of the file
 * stays as long as one page in it is live. With {@code WRITE_DELAY=0} (DD005: an acknowledged batch is in the
 * file) there is one such chunk per commit, and the file held 2.6 to 4 times its live data. H2's own online
 * compaction does not run without its background writer, and its {@code compactFile} is made for a closing
 * database: called on a running one (H2 2.4.240) it tripped an assertion in H2's free-space map, which closes the
 * database. So the file is compacted offline, with H2's {@link MVStoreTool#compact}: the live pages are copied to
 * a new file, which then replaces the old one. If a process has the file open (H2 locks it), nothing is done.
 */
class H2StartupCompaction implements EnvironmentPostProcessor, Ordered {

    /** Compact when less than this share of the file (in %) is live data. */
    static final int BELOW_FILL = 60;
    /** Smaller files are left alone: a few MB of dead pages are not worth a slower start. */
    static final long MIN_BYTES = 16L << 20;

    /** Logging is not set up yet while the environment is prepared: these lines come out once it is. */
    private final Log log;

    H2StartupCompaction(DeferredLogFactory logs) {
        this.log = logs.getLog(H2StartupCompaction.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = databaseFile(environment.getProperty("spring.datasource.url"));
        if (file == null || !environment.getProperty("descent.h2.compact-on-start", Boolean.class, true)) {
            return;
        }
        Outcome outcome = compactIfSparse(file);
        if (outcome.compacted()) {
            log.info("Compacted the database file " + file + ": " + (outcome.bytesBefore() >> 20) + " MB to "
                    + (outcome.bytesAfter() >> 20) + " MB (" + outcome.liveShare() + " % was live) in "
                    + outcome.millis() + " ms");
        } else if (outcome.failed()) {
            log.warn("Could not compact the database file " + file + "; starting on it as it is: " + outcome.reason());
        }
    }

    /**
     * The {@code .mv.db} file of an embedded H2 file URL ({@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>});
     * null for any other database: in memory, over the network, in a zip, or not H2.
     */
    static @Nullable Path databaseFile(@Nullable String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String path = url.substring("jdbc:h2:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.matches("(?i)(mem|tcp|ssl|zip):.*")) {
            return null;
        }
        int options = path.indexOf(';');
        return Path.of((options < 0 ? path : path.substring(0, options)) + ".mv.db");
    }

    /** The outcome, for the log and the tests. */
    record Outcome(boolean compacted, boolean failed, long bytesBefore, long bytesAfter, int liveShare, long millis,
                   String reason) {
        static Outcome skipped(long bytes, int live, String reason) {
            return new Outcome(false, false, bytes, bytes, live, 0, reason);
        }
    }

    static Outcome compactIfSparse(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Outcome.skipped(0, -1, "no file yet");
            }
            long before = Files.size(file);
            if (before < MIN_BYTES) {
                return Outcome.skipped(before, -1, "small");
            }
            if (inUse(file)) {
                return Outcome.skipped(before, -1, "in use by another process");
            }
            int live = liveShare(file);
            if (live >= BELOW_FILL) {
                return Outcome.skipped(before, live, "dense enough");
            }
            long start = System.nanoTime();
            // Copies the live pages to a temporary file next to it, then moves that over the file; a copy left
            // by an interrupted run is cleaned up first. (H2 opens the file itself, so the lock taken to see that
            // nobody has it open is released first: a second Descent starting within this second could open
            // the old file. One data directory is for one Descent, and it refuses to start on a file in use.)
            MVStoreTool.compactCleanUp(file.toString());
            MVStoreTool.compact(file.toString(), false);
            return new Outcome(true, false, before, Files.size(file), live, (System.nanoTime() - start) / 1_000_000,
                    "compacted");
        } catch (IOException | RuntimeException e) {
            // The file is left as it was (the copy replaces it only once complete): Descent starts on it.
            return new Outcome(false, true, 0, 0, -1, 0, e.toString());
        }
    }

    /** Whether a process (this one included) has the file open as a database: H2 locks it then. */
    private static boolean inUse(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** The lower of the live share of the file's chunks and the share of the file the chunks take. */
    private static int liveShare(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            int chunks = store.getFileStore().getChunksFillRate();
            return store.getFileStore() instanceof RandomAccessStore random
                    ? Math.min(chunks, random.getFillRate()) : chunks;
        } finally {
            store.close();
        }
    }

    /** After {@link DataDirectory}, which resolves the path the URL is built from and creates it. */
    @Override
    public int getOrder() {
        return DataDirectory.ORDER + 1;
    }
}
