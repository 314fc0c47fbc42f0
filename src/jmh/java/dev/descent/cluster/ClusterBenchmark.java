package dev.descent.cluster;

import dev.descent.Application;
import dev.descent.TestDatabase;
import dev.descent.bench.HeadlessChromium;
import dev.descent.bench.ScreenLatency;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two nodes on one PostgreSQL (two Spring applications in this JVM, each with its own caches, views and listener
 * connection), MONITORS real headless Chromium monitors open on each, points ingested on node A at RATE points/s:
 * the ingest-to-screen latency of the monitors on B (across nodes, through NOTIFY) beside those on A (same node).
 * Then the server heap per open monitor of a 1M-point run on B. Needs the test PostgreSQL.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.cluster=false}.
 */
public final class ClusterBenchmark {

    static final int MONITORS = Integer.getInteger("monitors", 25);
    static final int RATE = 50;
    static final int SECONDS = 20;

    private static ConfigurableApplicationContext node(TestDatabase.Schema schema) {
        return dev.descent.TestNodes.start(schema, "--descent.demo.enabled=false", "--descent.dev.auto-login=true",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static void main(String[] args) throws Exception {
        TestDatabase.Schema schema = TestDatabase.freshSchema();
        ConfigurableApplicationContext a = node(schema);
        ConfigurableApplicationContext b = node(schema);
        List<WebDriver> onA = new ArrayList<>();
        List<WebDriver> onB = new ArrayList<>();
        try {
            RunService runs = a.getBean(RunService.class);
            long live = runs.createOrResume("bench", "live", Map.of(), List.of()).run().id();
            runs.append(live, List.of(new NewPoint("loss", 0, 0.0, 1.0, System.currentTimeMillis())));
            for (int k = 0; k < MONITORS; k++) {
                onA.add(open(port(a), live));
                onB.add(open(port(b), live));
            }
            int points = RATE * SECONDS;
            long[] sentAt = new long[points + 1];
            long start = System.nanoTime();
            for (int i = 1; i <= points; i++) {
                long due = start + (long) i * 1_000_000_000L / RATE;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                sentAt[i] = System.currentTimeMillis();
                runs.append(live, List.of(new NewPoint("loss", i, i / 100.0, 1.0 / (i + 1), sentAt[i])));
            }
            Thread.sleep(3000);
            List<Long> sameNode = latencies(onA, sentAt, points);
            List<Long> otherNode = latencies(onB, sentAt, points);
            onA.forEach(WebDriver::quit);
            onA.clear();
            onB.forEach(WebDriver::quit);
            onB.clear();

            long big = runs.createOrResume("bench", "one-million", Map.of(), List.of()).run().id();
            List<NewPoint> batch = new ArrayList<>(20_000);
            for (int i = 0; i < 1_000_000; i++) {
                batch.add(new NewPoint("loss", i, i / 1000.0, 2 * Math.exp(-i / 200_000.0) + 0.01 * Math.sin(i), i));
                if (batch.size() == 20_000) {
                    runs.append(big, batch);
                    batch.clear();
                }
            }
            int heapViews = 5;
            long heapBefore = usedHeapAfterGc();
            for (int k = 0; k < heapViews; k++) {
                WebDriver d = HeadlessChromium.start();
                onB.add(d);
                d.get("http://localhost:" + port(b) + "/runs/" + big + "?series=loss");
                new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> pointCount(x) > 0);
            }
            long heapPerView = (usedHeapAfterGc() - heapBefore) / heapViews;

            System.out.printf(Locale.ROOT, "%n=== Descent on two nodes (%d cores, PostgreSQL) ===%n",
                    Runtime.getRuntime().availableProcessors());
            print("same node (ingest on A, monitors on A)", sameNode, MONITORS);
            print("across nodes (ingest on A, monitors on B)", otherNode, MONITORS);
            System.out.printf(Locale.ROOT, "Server heap per open monitor of a 1M-point run on node B: %.1f MB (%d monitors)%n",
                    heapPerView / 1e6, heapViews);
        } finally {
            onA.forEach(WebDriver::quit);
            onB.forEach(WebDriver::quit);
            b.close();
            a.close();
        }
    }

    private static void print(String what, List<Long> l, int monitors) {
        System.out.printf(Locale.ROOT, "Ingest-to-screen latency, %s, %d monitors, %d points/s for %d s: p50 %d ms, "
                        + "p95 %d ms, p99 %d ms (%d samples)%n", what, monitors, RATE, SECONDS, l.get(l.size() / 2),
                l.get((int) (l.size() * 0.95)), l.get((int) (l.size() * 0.99)), l.size());
    }

    private static WebDriver open(int port, long run) throws Exception {
        WebDriver d = HeadlessChromium.start();
        d.get("http://localhost:" + port + "/runs/" + run + "?series=loss&ema=false");
        new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> pointCount(x) > 0);
        ScreenLatency.watch(d);
        return d;
    }

    private static List<Long> latencies(List<WebDriver> browsers, long[] sentAt, int points) {
        return ScreenLatency.collect(browsers, sentAt, points);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        return ScreenLatency.usedHeapAfterGc();
    }

    private static int pointCount(WebDriver d) {
        return ScreenLatency.pointCount(d);
    }
}
