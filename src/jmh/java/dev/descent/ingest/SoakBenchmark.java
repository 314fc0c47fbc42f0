package dev.descent.ingest;

import dev.descent.Application;
import dev.descent.run.RunEvents;
import dev.descent.run.Subscription;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak test of the whole server under a team's mixed load (issue 11): 8 writers (one run each, a batch of
 * {@code soak.steps} (500) steps with loss and val_loss every 250 ms, or as fast as the server answers), 50 live watchers (subscribed to the runs' live updates as open
 * monitor views are, each checking that every point reaches it), and 20 API readers (downsampled series and
 * metrics of random runs, back to back), for 10 minutes. Every 30 s it prints write and read p50/p99, errors,
 * heap after a GC and RSS; at the end it checks that every acknowledged point is stored and was pushed.
 * <p>
 * H2 by default; {@code -Dsoak.db=jdbc:postgresql://127.0.0.1:5432/soak} runs it on PostgreSQL. Run:
 * {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.soak=false}.
 */
public final class SoakBenchmark {

    static final int WRITERS = Integer.getInteger("soak.writers", 8);
    static final int WATCHERS = Integer.getInteger("soak.watchers", 50);
    static final int READERS = Integer.getInteger("soak.readers", 20);
    static final Duration LENGTH = Duration.ofSeconds(Long.getLong("soak.seconds", 600));
    static final Duration REPORT_EVERY = Duration.ofSeconds(Long.getLong("soak.reportSeconds", 30));
    static final int STEPS_PER_BATCH = Integer.getInteger("soak.steps", 500);
    static final long BATCH_PERIOD_MS = 250;
    static final String TOKEN = "soak-token";

    private static final ConcurrentLinkedQueue<Long> writeNanos = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Long> readNanos = new ConcurrentLinkedQueue<>();
    private static final AtomicLong errors = new AtomicLong();
    private static final ConcurrentHashMap<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("descent-soak");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--descent.data-dir=" + dataDir,
                "--descent.demo.enabled=false", "--descent.ingest-token=" + TOKEN, "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        String db = System.getProperty("soak.db", "");
        if (!db.isEmpty()) {
            arguments.add("--spring.datasource.url=" + db);
            arguments.add("--spring.datasource.username=" + System.getProperty("soak.dbUser", "postgres"));
            arguments.add("--spring.datasource.password=" + System.getProperty("soak.dbPassword", ""));
        }
        ConfigurableApplicationContext app = SpringApplication.run(Application.class, arguments.toArray(String[]::new));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            String base = "http://localhost:" + port + "/api/v1/runs";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            System.out.printf(Locale.ROOT, "Soak on %s: %d writers (%d steps per batch, every %d ms), %d watchers, %d readers, %d s%n",
                    db.isEmpty() ? "H2" : db, WRITERS, STEPS_PER_BATCH, BATCH_PERIOD_MS, WATCHERS, READERS, LENGTH.toSeconds());

            long[] runIds = new long[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                String body = "{\"project\": \"soak\", \"name\": \"writer-" + w + "-" + System.nanoTime() + "\"}";
                runIds[w] = ApiClient.JSON.readTree(send(http, base, "POST", body).body()).get("id").asLong();
            }
            RunEvents events = app.getBean(RunEvents.class);
            AtomicLong[] pushed = new AtomicLong[WATCHERS];
            List<Subscription> subscriptions = new ArrayList<>();
            for (int v = 0; v < WATCHERS; v++) {
                AtomicLong received = pushed[v] = new AtomicLong();
                subscriptions.add(events.onPointsAppended(runIds[v % WRITERS], e -> received.addAndGet(e.points().size())));
            }

            long deadline = System.nanoTime() + LENGTH.toNanos();
            AtomicLong[] sent = new AtomicLong[WRITERS];
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                AtomicLong points = sent[w] = new AtomicLong();
                workers.add(pool.submit(() -> write(http, base + "/" + runIds[writer] + "/points", deadline, points)));
            }
            for (int r = 0; r < READERS; r++) {
                workers.add(pool.submit(() -> read(http, base, runIds, deadline)));
            }

            long started = System.nanoTime();
            System.out.println("  t(s)  writes  w.p50(ms) w.p99(ms)   reads  r.p50(ms) r.p99(ms)  errors  heap(MB)  rss(MB)");
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.min(REPORT_EVERY.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                report((System.nanoTime() - started) / 1_000_000_000);
            }
            for (var worker : workers) {
                worker.get();
            }
            subscriptions.forEach(Subscription::cancel);

            long lost = 0;
            long missedPushes = 0;
            for (int w = 0; w < WRITERS; w++) {
                long stored = ApiClient.JSON.readTree(send(http, base + "/" + runIds[w], "GET", null).body())
                        .get("pointCount").asLong();
                lost += 2 * sent[w].get() - stored; // loss and val_loss per step
            }
            for (int v = 0; v < WATCHERS; v++) {
                missedPushes += 2 * sent[v % WRITERS].get() - pushed[v].get();
            }
            System.out.printf(Locale.ROOT, "Result: %d points acknowledged, %d lost, %d live pushes missed, %d errors %s%n",
                    2 * Arrays.stream(sent).mapToLong(AtomicLong::get).sum(), lost, missedPushes, errors.get(), errorKinds);
        } finally {
            pool.shutdownNow();
            app.close();
        }
    }

    private static void write(HttpClient http, String url, long deadline, AtomicLong sent) {
        long step = 0;
        while (System.nanoTime() < deadline) {
            long next = System.nanoTime() + BATCH_PERIOD_MS * 1_000_000;
            StringBuilder body = new StringBuilder("{\"points\": [");
            for (int i = 0; i < STEPS_PER_BATCH; i++, step++) {
                body.append(i == 0 ? "" : ",").append("{\"iteration\": ").append(step).append(", \"epoch\": ")
                        .append(step / 1000.0).append(", \"loss\": ").append(2.0 / (1 + step * 1e-3))
                        .append(", \"metrics\": {\"val_loss\": ").append(2.1 / (1 + step * 1e-3)).append("}}");
            }
            long start = System.nanoTime();
            if (ok(send(http, url, "POST", body.append("]}").toString()), "write")) {
                sent.addAndGet(STEPS_PER_BATCH);
            }
            writeNanos.add(System.nanoTime() - start);
            long pause = (next - System.nanoTime()) / 1_000_000;
            if (pause > 0) {
                sleep(pause);
            }
        }
    }

    private static void read(HttpClient http, String base, long[] runIds, long deadline) {
        while (System.nanoTime() < deadline) {
            long runId = runIds[ThreadLocalRandom.current().nextInt(runIds.length)];
            String path = ThreadLocalRandom.current().nextInt(4) == 0 ? "/metrics"
                    : "/points?series=loss&series=val_loss&maxPoints=2000&smoothing=0.6";
            long start = System.nanoTime();
            ok(send(http, base + "/" + runId + path, "GET", null), "read");
            readNanos.add(System.nanoTime() - start);
        }
    }

    private static boolean ok(HttpResponse<String> response, String kind) {
        if (response != null && response.statusCode() < 300) {
            return true;
        }
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind + " " + (response == null ? "io" : response.statusCode()), k -> new AtomicLong())
                .incrementAndGet();
        return false;
    }

    private static HttpResponse<String> send(HttpClient http, String url, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    private static void report(long seconds) {
        long[] writes = drain(writeNanos);
        long[] reads = drain(readNanos);
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        System.out.printf(Locale.ROOT, "%6d %7d %10.1f %9.1f %7d %10.1f %9.1f %7d %9d %8d%n", seconds,
                writes.length, percentile(writes, 50), percentile(writes, 99), reads.length, percentile(reads, 50),
                percentile(reads, 99), errors.get(), heap, rssMegabytes());
    }

    private static long[] drain(ConcurrentLinkedQueue<Long> queue) {
        List<Long> values = new ArrayList<>();
        for (Long v = queue.poll(); v != null; v = queue.poll()) {
            values.add(v);
        }
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // Not Linux: no RSS column.
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
