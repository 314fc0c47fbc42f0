package dev.descent.cluster;

import dev.descent.TestDatabase;
import dev.descent.bench.HeadlessChromium;
import dev.descent.bench.ScreenLatency;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two nodes on one PostgreSQL: two real jars, each its own JVM with its own caches, views and listener connection.
 * {@value #MONITORS_DEFAULT} real headless Chromium monitors open on each (system property {@code monitors}), points
 * posted to node A over HTTP at {@value #RATE} points/s: the ingest-to-screen latency of the monitors on B (across
 * nodes, through NOTIFY) beside those on A (same node). Needs the test PostgreSQL and the packaged jar.
 * <p>
 * With {@code -Dtabs=5} (the default) the monitors of a node are tabs, five to a browser: every tab is an open
 * monitor the node pushes to, and latency is measured in each browser's tab in front, as a person watching sees it.
 * With {@code -Dtabs=1} every monitor is its own browser, all drawing (50 browsers on the machine). The heap each
 * node uses per open monitor (after a full GC, before and after opening them, read with jcmd) is printed too.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.cluster=false}.
 */
public final class ClusterBenchmark {

    static final int MONITORS_DEFAULT = 25;
    static final int MONITORS = Integer.getInteger("monitors", MONITORS_DEFAULT);
    static final int TABS = Integer.getInteger("tabs", 5);
    static final int RATE = 50;
    static final int SECONDS = 20;
    static final String TOKEN = "cluster-bench-token";
    static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    record Node(Process process, int port) {
        String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    private static Node node(TestDatabase.Schema schema) throws Exception {
        Path jar;
        try (var jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("descent-.*\\.jar")).findFirst().orElseThrow();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString(), "--server.port=0", "--descent.demo.enabled=false",
                "--descent.dev.auto-login=true", "--descent.data-dir=" + Files.createTempDirectory("cluster-bench"))
                .redirectErrorStream(true);
        builder.environment().putAll(schema.environment());
        builder.environment().put("DESCENT_INGEST_TOKEN", TOKEN);
        Process process = builder.start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                Thread.ofPlatform().daemon().start(() -> reader.lines().forEach(l -> { }));
                return new Node(process, Integer.parseInt(m.group(1)));
            }
        }
        throw new IllegalStateException("node exited before listening");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static void main(String[] args) throws Exception {
        TestDatabase.Schema schema = TestDatabase.freshSchema();
        Node a = node(schema);
        Node b = node(schema);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<WebDriver> onA = new ArrayList<>();
        List<WebDriver> onB = new ArrayList<>();
        try {
            String created = post(http, a.url("/api/v1/runs"), "{\"project\": \"bench\", \"name\": \"live\"}").body();
            long live = Long.parseLong(created.replaceFirst("^\\{\"id\":(\\d+),.*$", "$1").trim());
            String points = a.url("/api/v1/runs/" + live + "/points");
            post(http, points, "{\"points\": [{\"iteration\": 0, \"loss\": 1.0}]}");
            long heapA = heapAfterGc(a.process());
            long heapB = heapAfterGc(b.process());
            for (int k = 0; k < MONITORS / TABS; k++) {
                onA.add(open(a.port(), live));
                onB.add(open(b.port(), live));
            }
            long perMonitorA = (heapAfterGc(a.process()) - heapA) / MONITORS;
            long perMonitorB = (heapAfterGc(b.process()) - heapB) / MONITORS;
            int n = RATE * SECONDS;
            long[] sentAt = ScreenLatency.paced(n, RATE, (i, now) -> {
                try {
                    post(http, points, "{\"points\": [{\"iteration\": " + i + ", \"loss\": " + (1.0 / (i + 1))
                            + ", \"timestamp\": " + now + "}]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3000);
            List<Long> sameNode = ScreenLatency.collect(onA, sentAt, n);
            List<Long> otherNode = ScreenLatency.collect(onB, sentAt, n);
            System.out.printf(Locale.ROOT, "%n=== Descent on two nodes (%d cores, PostgreSQL, two jars) ===%n",
                    Runtime.getRuntime().availableProcessors());
            print("same node (posted to A, monitors on A)", sameNode);
            print("across nodes (posted to A, monitors on B)", otherNode);
            System.out.printf(Locale.ROOT, "Heap per open monitor (a run of one point, after a full GC): node A %d KB, "
                    + "node B %d KB%n", perMonitorA / 1024, perMonitorB / 1024);
        } finally {
            onA.forEach(WebDriver::quit);
            onB.forEach(WebDriver::quit);
            a.process().destroy();
            b.process().destroy();
        }
    }

    private static void print(String what, List<Long> l) {
        System.out.printf(Locale.ROOT, "Ingest-to-screen latency, %s, %d monitors (%d per browser, measured in the tab "
                        + "in front), %d points/s for %d s: p50 %d ms, p95 %d ms, p99 %d ms (%d samples)%n", what, MONITORS,
                TABS, RATE, SECONDS, l.get(l.size() / 2),
                l.get((int) (l.size() * 0.95)), l.get((int) (l.size() * 0.99)), l.size());
    }

    /** One browser with {@link #TABS} monitors as tabs; the last one opened stays in front and is watched. */
    private static WebDriver open(int port, long run) throws Exception {
        WebDriver d = HeadlessChromium.start();
        for (int t = 0; t < TABS; t++) {
            if (t > 0) {
                d.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            }
            d.get("http://localhost:" + port + "/runs/" + run + "?series=loss&ema=false");
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> ScreenLatency.pointCount(x) > 0);
        }
        ScreenLatency.watch(d);
        return d;
    }

    /** Used heap of a node's JVM after a full GC, in bytes (jcmd from this JDK). */
    private static long heapAfterGc(Process node) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(node.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, Long.toString(node.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + out);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}
