package dev.descent.run;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a 1,000-point batch costs H2's file (DD008): the application's H2, a real file, H2's housekeeping off so that
 * nothing is reused or rewritten and the file grows by exactly what the commits write. Measured here, file growth
 * per byte of chunks: 4.3 with H2's default 16 kB pages (each chunk written again when the next row joined its page,
 * and large pages of the index and of H2's list of chunks rewritten at every commit), 2.9 with 2 kB pages alone,
 * 1.7 with 2 kB pages and the run's end row behind its chunks (PointStore): a chunk is written once, plus each
 * commit's small pages.
 */
@SpringBootTest(properties = "descent.h2.housekeeping.enabled=false")
@WithMockUser(roles = "ADMIN")
class H2ChunkWritesTest {

    private static final int BATCH = 1_000;

    @Autowired
    RunService runs;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${descent.data-dir}")
    Path dataDir;

    private final Random noise = new Random(13);

    /** A realistic noisy loss, as the storage benchmark's: epochs and timestamps 300-340 ms apart. */
    private List<NewPoint> batch(int from) {
        List<NewPoint> points = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
            double loss = 0.2 + 2.3 * Math.exp(-i / 300_000.0) + noise.nextGaussian() * 0.05;
            points.add(new NewPoint("loss", i, i / 5_000.0, loss, 1_700_000_000_000L + i * 320L + noise.nextInt(20)));
        }
        return points;
    }

    private long chunkBytes(long runId) {
        Long bytes = jdbc.queryForObject("SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM series_chunk WHERE run_id = ?",
                Long.class, runId);
        return bytes == null ? 0 : bytes;
    }

    @Test
    void a_thousand_point_batch_grows_the_file_by_little_more_than_its_chunk() throws Exception {
        Path file = dataDir.resolve("descent.mv.db");
        long runId = runs.createOrResume("h2-writes", "noisy", Map.of(), List.of()).run().id();
        int iteration = 0;
        for (; iteration < 20 * BATCH; iteration += BATCH) {
            runs.append(runId, batch(iteration));
        }
        long fileBefore = Files.size(file);
        long chunksBefore = chunkBytes(runId);

        for (; iteration < 220 * BATCH; iteration += BATCH) {
            runs.append(runId, batch(iteration));
        }

        long written = Files.size(file) - fileBefore;
        long stored = chunkBytes(runId) - chunksBefore;
        assertThat(runs.readSeries(runId, "loss").size()).isEqualTo(iteration);
        assertThat((double) written / stored)
                .as("file growth per stored chunk byte (%,d bytes for %,d bytes of chunks)", written, stored)
                .isLessThan(2.0);
    }
}
