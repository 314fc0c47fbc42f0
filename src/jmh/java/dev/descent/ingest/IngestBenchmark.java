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
 * End-to-end ingest benchmark: starts Descent with an H2 file database, posts 1,000,000 points in batches
 * of 1,000 over real HTTP from 4 concurrent clients (one run each), then inserts the same rows with a
 * plain JDBC batch into a fresh table of the same database, and prints both rates and their ratio.
 * Finally reads a 1M-point series downsampled to 2,000 points. Run: {@code ./mvnw -Pbench verify}.
 */
public final class IngestBenchmark {

    static final int CLIENTS = Integer.getInteger("clients", 4);
    static final int BATCH = 1_000;
    static final int TOTAL = 1_000_000;
    static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("descent-bench");
        ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                "--server.port=0", "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false",
                "--descent.ingest-token=" + TOKEN, "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://localhost:" + port + "/api/v1/runs";

            warmUp(http, base);
            // Bodies are built before the clock starts: this measures the server, not the client's JSON.
            String[] bodies = new String[TOTAL / BATCH / CLIENTS];
            for (int b = 0; b < bodies.length; b++) {
                bodies[b] = batchJson((long) b * BATCH);
            }
            long[] latencies = new long[TOTAL / BATCH];
            long start = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    final int client = c;
                    done.add(clients.submit(() -> {
                        long runId = createRun(http, base, "bench-client-" + client);
                        int batches = TOTAL / BATCH / CLIENTS;
                        for (int b = 0; b < batches; b++) {
                            String body = bodies[b];
                            long t0 = System.nanoTime();
                            HttpResponse<String> response = send(http, base + "/" + runId + "/points", body);
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
            double httpSeconds = (System.nanoTime() - start) / 1e9;
            double httpRate = TOTAL / httpSeconds;

            double jdbcRate = rawJdbcRate(app.getBean(DataSource.class));
            Arrays.sort(latencies);
            double serviceRate = serviceRate(app.getBean(RunService.class));
            double readMillis = readLargeSeries(app.getBean(RunService.class), http, base);

            System.out.printf(Locale.ROOT, "%n=== Descent ingest benchmark (%d cores, H2 file database) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "HTTP ingest: %,d points in %.2f s from %d clients = %,.0f points/s%n",
                    TOTAL, httpSeconds, CLIENTS, httpRate);
            System.out.printf(Locale.ROOT, "Plain JDBC batch insert of the same rows: %,.0f points/s%n", jdbcRate);
            System.out.printf(Locale.ROOT, "Ratio HTTP / JDBC: %.0f %%%n", 100 * httpRate / jdbcRate);
            System.out.printf(Locale.ROOT, "RunService.append in-process, 1 thread, same batches (no HTTP, no JSON): "
                    + "%,.0f points/s%n", serviceRate);
            System.out.printf(Locale.ROOT, "Latency of one %,d-point batch under that load: p50 %.1f ms, p99 %.1f ms%n",
                    BATCH, latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
            System.out.printf(Locale.ROOT, "Read 1M-point series with maxPoints=2000 (median of 10 GETs): %.0f ms%n",
                    readMillis);
        } finally {
            app.close();
        }
    }

    private static void warmUp(HttpClient http, String base) throws Exception {
        long runId = createRun(http, base, "warm-up");
        for (int b = 0; b < 50; b++) {
            send(http, base + "/" + runId + "/points", batchJson((long) b * BATCH));
        }
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

    /** The same 1M rows, inserted with a plain JDBC batch (1,000 rows per batch and commit). */
    private static double rawJdbcRate(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE bench_point (run_id BIGINT NOT NULL, series VARCHAR(250) NOT NULL,
                        iteration BIGINT NOT NULL, epoch DOUBLE PRECISION, point_value DOUBLE PRECISION NOT NULL,
                        recorded_at BIGINT NOT NULL, PRIMARY KEY (run_id, series, iteration))""");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_point VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int client = 0; client < CLIENTS; client++) {
                    for (int i = 0; i < TOTAL / CLIENTS; i++) {
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
            return TOTAL / ((System.nanoTime() - start) / 1e9);
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

    private static double readLargeSeries(RunService runs, HttpClient http, String base) throws Exception {
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
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }
}
