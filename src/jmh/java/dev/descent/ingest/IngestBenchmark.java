package dev.descent.ingest;

import dev.descent.Application;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End-to-end ingest benchmark: starts Descent with an H2 file database and warms it up, then, in each of
 * several rounds, posts 1,000,000 points in batches of 1,000 over real HTTP from 4 concurrent clients (one
 * run each) and inserts the same rows with a plain JDBC batch into a fresh table of the same database; prints
 * each round's rates and ratio and their medians. Finally reads a 1M-point series downsampled to 2,000
 * points. Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true}.
 */
public final class IngestBenchmark {

    static final int CLIENTS = Integer.getInteger("clients", 4);
    static final int BATCH = 1_000;
    static final int TOTAL = 1_000_000;
    static final String TOKEN = "bench-token";
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final int WARM_UP_BATCHES_PER_CLIENT = Integer.getInteger("warmUpBatches", 250);

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("descent-bench");
        ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                "--server.port=0", "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false",
                "--descent.ingest-token=" + TOKEN, "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://localhost:" + port + "/api/v1/runs";
            DataSource dataSource = app.getBean(DataSource.class);

            // Bodies are built before the clock starts: this measures the server, not the client's JSON.
            String[] bodies = new String[TOTAL / BATCH / CLIENTS];
            for (int b = 0; b < bodies.length; b++) {
                bodies[b] = batchJson((long) b * BATCH);
            }
            // Steady state, as for a server that ingests all day: on this 2-core machine the JIT compiles for
            // about 10 s after a start, which would otherwise be charged to whichever phase runs first.
            // The warm-up is measured too and printed as the cold figures: a job that starts right after the
            // server sees those.
            int warmUpPoints = CLIENTS * WARM_UP_BATCHES_PER_CLIENT * BATCH;
            long warmUpStart = System.nanoTime();
            postAll(http, base, "warm-up", bodies, WARM_UP_BATCHES_PER_CLIENT, new long[CLIENTS * WARM_UP_BATCHES_PER_CLIENT]);
            double coldHttpRate = warmUpPoints / ((System.nanoTime() - warmUpStart) / 1e9);
            double coldJdbcRate = insertRaw(dataSource, "bench_warm_up", WARM_UP_BATCHES_PER_CLIENT);

            double[] httpRates = new double[ROUNDS];
            double[] jdbcRates = new double[ROUNDS];
            double[] ratios = new double[ROUNDS];
            long[] latencies = new long[ROUNDS * TOTAL / BATCH];
            for (int round = 0; round < ROUNDS; round++) {
                long[] roundLatencies = new long[TOTAL / BATCH];
                long start = System.nanoTime();
                postAll(http, base, "round-" + round, bodies, bodies.length, roundLatencies);
                httpRates[round] = TOTAL / ((System.nanoTime() - start) / 1e9);
                System.arraycopy(roundLatencies, 0, latencies, round * roundLatencies.length, roundLatencies.length);
                jdbcRates[round] = insertRaw(dataSource, "bench_point_" + round, bodies.length);
                ratios[round] = httpRates[round] / jdbcRates[round];
            }
            Arrays.sort(latencies);
            double serviceRate = serviceRate(app.getBean(RunService.class));
            double[] readMillis = readLargeSeries(app.getBean(RunService.class), http, base);

            System.out.printf(Locale.ROOT, "%n=== Descent ingest benchmark (%d cores, H2 file database) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "Warm-up (cold JVM, not in the medians): %,d points, HTTP %,.0f points/s, "
                    + "plain JDBC %,.0f points/s, ratio %.0f %%%n", warmUpPoints, coldHttpRate, coldJdbcRate,
                    100 * coldHttpRate / coldJdbcRate);
            for (int round = 0; round < ROUNDS; round++) {
                System.out.printf(Locale.ROOT, "Round %d: HTTP %,.0f points/s (%d clients), plain JDBC %,.0f points/s, "
                        + "ratio %.0f %%%n", round + 1, httpRates[round], CLIENTS, jdbcRates[round], 100 * ratios[round]);
            }
            System.out.printf(Locale.ROOT, "HTTP ingest (median of %d rounds of %,d points): %,.0f points/s%n",
                    ROUNDS, TOTAL, median(httpRates));
            System.out.printf(Locale.ROOT, "Plain JDBC batch insert of the same rows (median): %,.0f points/s%n",
                    median(jdbcRates));
            System.out.printf(Locale.ROOT, "Ratio HTTP / JDBC (median of the rounds' ratios): %.0f %%%n",
                    100 * median(ratios));
            System.out.printf(Locale.ROOT, "RunService.append in-process, 1 thread, same batches (no HTTP, no JSON): "
                    + "%,.0f points/s%n", serviceRate);
            System.out.printf(Locale.ROOT, "Latency of one %,d-point batch under that load: p50 %.1f ms, p99 %.1f ms%n",
                    BATCH, latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
            System.out.printf(Locale.ROOT, "Read 1M-point series with maxPoints=2000: first GET (from H2) %.0f ms, "
                    + "median of the next 9 (from the series cache) %.0f ms%n", readMillis[0], readMillis[1]);
        } finally {
            app.close();
        }
    }

    /** Each client posts {@code batches} bodies into its own new run; latencies are recorded per request. */
    private static void postAll(HttpClient http, String base, String runPrefix, String[] bodies, int batches,
                                long[] latencies) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                final int client = c;
                done.add(clients.submit(() -> {
                    long runId = createRun(http, base, runPrefix + "-client-" + client);
                    for (int b = 0; b < batches; b++) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = send(http, base + "/" + runId + "/points", bodies[b]);
                        latencies[client * batches + b] = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String batchJson(long firstIteration) {
        StringBuilder body = new StringBuilder(64 * BATCH).append("{\"points\":[");
        for (int i = 0; i < BATCH; i++) {
            long it = firstIteration + i;
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"iteration\":").append(it).append(",\"epoch\":").append(it / 1000.0)
                    .append(",\"loss\":").append(2 * Math.exp(-it / 100_000.0)).append(",\"timestamp\":")
                    .append(1_764_300_000_000L + it).append('}');
        }
        return body.append("]}").toString();
    }

    private static long createRun(HttpClient http, String base, String name) throws Exception {
        HttpResponse<String> response = send(http, base, "{\"project\":\"bench\",\"name\":\"" + name + "\"}");
        String body = response.body();
        int at = body.indexOf("\"id\":") + 5;
        return Long.parseLong(body.substring(at, body.indexOf(',', at)).trim());
    }

    private static HttpResponse<String> send(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The same rows, inserted with a plain JDBC batch (1,000 rows per batch and commit, one thread) into a fresh
     * table created like the app's point table, in the same database; returns rows per second.
     */
    private static double insertRaw(DataSource dataSource, String table, int batchesPerClient) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + """
                         (run_id BIGINT NOT NULL, series VARCHAR(250) NOT NULL,
                        iteration BIGINT NOT NULL, epoch DOUBLE PRECISION, point_value DOUBLE PRECISION NOT NULL,
                        recorded_at BIGINT NOT NULL, PRIMARY KEY (run_id, series, iteration))""");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int client = 0; client < CLIENTS; client++) {
                    for (int i = 0; i < batchesPerClient * BATCH; i++) {
                        ps.setLong(1, client);
                        ps.setString(2, "loss");
                        ps.setLong(3, i);
                        ps.setDouble(4, i / 1000.0);
                        ps.setDouble(5, 2 * Math.exp(-i / 100_000.0));
                        ps.setLong(6, 1_764_300_000_000L + i);
                        ps.addBatch();
                        if ((i + 1) % BATCH == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
            }
            double rate = (double) CLIENTS * batchesPerClient * BATCH / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            return rate;
        }
    }

    /** The same rows through the service in-process: separates the database work from HTTP and JSON. */
    private static double serviceRate(RunService runs) {
        long runId = runs.createOrResume("bench", "in-process", java.util.Map.of(), List.of()).run().id();
        long start = System.nanoTime();
        for (int b = 0; b < TOTAL / BATCH; b++) {
            List<NewPoint> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                long it = (long) b * BATCH + i;
                batch.add(new NewPoint("loss", it, it / 1000.0, 2 * Math.exp(-it / 100_000.0), 1_764_300_000_000L + it));
            }
            runs.append(runId, batch);
        }
        return TOTAL / ((System.nanoTime() - start) / 1e9);
    }

    private static double[] readLargeSeries(RunService runs, HttpClient http, String base) throws Exception {
        long runId = runs.createOrResume("bench", "one-million", java.util.Map.of(), List.of()).run().id();
        List<NewPoint> batch = new ArrayList<>(10_000);
        for (int i = 0; i < TOTAL; i++) {
            batch.add(new NewPoint("loss", i, i / 1000.0, 2 * Math.exp(-i / 100_000.0), i));
            if (batch.size() == 10_000) {
                runs.append(runId, batch);
                batch.clear();
            }
        }
        double[] millis = new double[10];
        for (int k = 0; k < millis.length; k++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                    base + "/" + runId + "/points?series=loss&maxPoints=2000&smoothing=0.6"))
                            .header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            millis[k] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200 || !r.body().contains("\"downsampled\":true")) {
                throw new IllegalStateException("read failed: " + r.statusCode());
            }
        }
        double first = millis[0];
        double[] cached = Arrays.copyOfRange(millis, 1, millis.length);
        Arrays.sort(cached);
        return new double[] {first, cached[cached.length / 2]};
    }
}
