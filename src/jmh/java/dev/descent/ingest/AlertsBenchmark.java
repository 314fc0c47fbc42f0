package dev.descent.ingest;

import com.sun.net.httpserver.HttpServer;
import dev.descent.Application;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest with and without webhooks (issue 17's target: within 5 %). Rounds alternate between no webhook and five
 * webhooks to a slow receiver (every delivery answered after {@value #RECEIVER_DELAY_MS} ms). Each round posts
 * 1,000,000 points over HTTP from 4 clients into runs of 25,000 points, each of which goes NaN once (a divergence:
 * an incident, so five deliveries per run), so the webhook rounds really queue and send while ingesting.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.alerts=false}.
 */
public final class AlertsBenchmark {

    static final int CLIENTS = 4;
    static final int BATCH = 1_000;
    static final int TOTAL = 1_000_000;
    static final int BATCHES_PER_RUN = 25;
    static final int WEBHOOKS = 5;
    static final long RECEIVER_DELAY_MS = 200;
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final String TOKEN = "bench-token";
    static final String ADMIN = "bench-admin";

    public static void main(String[] args) throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(RECEIVER_DELAY_MS); // a slow receiver: what must not slow ingest
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path dataDir = Files.createTempDirectory("descent-alerts-bench");
        ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                "--server.port=0", "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false",
                "--descent.ingest-token=" + TOKEN, "--descent.admin-token=" + ADMIN,
                "--descent.webhooks.allow-loopback=true", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String api = "http://localhost:" + port + "/api/v1";
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

            String[] bodies = new String[BATCHES_PER_RUN];
            for (int b = 0; b < bodies.length; b++) {
                bodies[b] = IngestBenchmark.batchJson((long) b * BATCH);
            }
            // The run diverges once: a NaN in the middle of its 11th batch.
            bodies[10] = bodies[10].replaceFirst("\"loss\":[0-9.E-]+", "\"loss\":NaN");

            // The JIT keeps compiling for a while after a start on 2 cores: 3M points before anything is measured.
            ingest(http, api, bodies, "warm-up", 3 * TOTAL);
            double[] without = new double[ROUNDS];
            double[] with = new double[ROUNDS];
            long incidents = 0;
            long expected = 0;
            for (int round = 0; round < ROUNDS; round++) {
                // ABBA…: which configuration goes first alternates, so a drift over the run favours neither.
                for (boolean hooked : round % 2 == 0 ? new boolean[]{false, true} : new boolean[]{true, false}) {
                    if (!hooked) {
                        without[round] = ingest(http, api, bodies, "plain-" + round, TOTAL);
                        continue;
                    }
                    List<Long> ids = new ArrayList<>();
                    for (int w = 0; w < WEBHOOKS; w++) {
                        HttpResponse<String> created = send(http, "POST", api + "/webhooks",
                                "{\"url\":\"" + hook + "?n=" + w + "\",\"events\":[\"diverged\"]}", ADMIN);
                        if (created.statusCode() != 201) {
                            throw new IllegalStateException(created.statusCode() + " " + created.body());
                        }
                        ids.add(idOf(created.body()));
                    }
                    with[round] = ingest(http, api, bodies, "hooked-" + round, TOTAL);
                    incidents += TOTAL / BATCH / BATCHES_PER_RUN;
                    expected += (long) WEBHOOKS * (TOTAL / BATCH / BATCHES_PER_RUN);
                    // Every delivery of this round is sent before the next round: a round without webhooks
                    // must not pay for the backlog of the one before.
                    long deadline = System.nanoTime() + 120_000_000_000L;
                    while (received.get() < expected && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    for (long id : ids) {
                        send(http, "DELETE", api + "/webhooks/" + id, null, ADMIN);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%n=== Descent ingest with webhooks (%d cores, H2 file database) ===%n",
                    Runtime.getRuntime().availableProcessors());
            for (int round = 0; round < ROUNDS; round++) {
                System.out.printf(Locale.ROOT, "Round %d: no webhook %,.0f points/s, %d webhooks %,.0f points/s (%+.1f %%)%n",
                        round + 1, without[round], WEBHOOKS, with[round], 100 * (with[round] / without[round] - 1));
            }
            double[] differences = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                differences[round] = 100 * (with[round] / without[round] - 1);
            }
            System.out.printf(Locale.ROOT, "Median of the rounds' differences: %+.1f %% (rounds of one configuration "
                    + "differ among themselves by up to %.0f %% on this machine)%n", median(differences),
                    100 * Math.max(spread(without), spread(with)));
            System.out.printf(Locale.ROOT, "Median: no webhook %,.0f points/s, %d webhooks to a %d ms receiver %,.0f "
                            + "points/s (%+.1f %%); %,d divergences during the webhook rounds, %,d of "
                            + "their %,d deliveries received%n", median(without), WEBHOOKS, RECEIVER_DELAY_MS, median(with),
                    100 * (median(with) / median(without) - 1), incidents, received.get(), expected);
        } finally {
            app.close();
            receiver.stop(0);
        }
    }

    /** 4 clients post {@code points} in total, each into runs of {@value #BATCHES_PER_RUN} batches; points/s. */
    private static double ingest(HttpClient http, String api, String[] bodies, String prefix, int points) throws Exception {
        int runsPerClient = points / BATCH / BATCHES_PER_RUN / CLIENTS;
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                final int client = c;
                done.add(clients.submit(() -> {
                    for (int r = 0; r < runsPerClient; r++) {
                        HttpResponse<String> run = send(http, "POST", api + "/runs", "{\"project\":\"bench\",\"name\":\""
                                + prefix + "-" + client + "-" + r + "\"}", TOKEN);
                        long runId = idOf(run.body());
                        for (String body : bodies) {
                            HttpResponse<String> response = send(http, "POST", api + "/runs/" + runId + "/points", body, TOKEN);
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return (double) runsPerClient * CLIENTS * BATCHES_PER_RUN * BATCH / ((System.nanoTime() - start) / 1e9);
    }

    private static long idOf(String json) {
        int at = json.indexOf("\"id\":") + 5;
        int end = at;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == ' ')) {
            end++;
        }
        return Long.parseLong(json.substring(at, end).trim());
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body, String token)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** (max − min) / min of the values. */
    private static double spread(double[] values) {
        double min = Arrays.stream(values).min().orElse(1);
        return (Arrays.stream(values).max().orElse(1) - min) / min;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
