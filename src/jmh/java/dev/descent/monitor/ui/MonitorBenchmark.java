package dev.descent.monitor.ui;

import dev.descent.bench.ScreenLatency;

import dev.descent.Application;
import dev.descent.bench.HeadlessChromium;
import dev.descent.metrics.LossMetricsAccumulator;
import dev.descent.plot.LiveSeries;
import dev.descent.plot.Smoothing;
import dev.descent.plot.TimeOrigin;
import dev.descent.plot.XMode;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training-monitor figures: server time to open a 1M-point run, server heap per open view of that run,
 * and ingest-to-screen latency with 10 open views at 100 points/s. Real app, real headless Chromium.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.monitor=false}.
 */
public final class MonitorBenchmark {

    static final int VIEWS = 10;
    static final int RATE = 100;
    static final int SECONDS = 20;

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("descent-bench");
        ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                "--server.port=0", "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false", "--descent.dev.auto-login=true",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        List<WebDriver> browsers = new ArrayList<>();
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            RunService runs = app.getBean(RunService.class);

            long big = runs.createOrResume("bench", "one-million", Map.of(), List.of()).run().id();
            List<NewPoint> batch = new ArrayList<>(20_000);
            for (int i = 0; i < 1_000_000; i++) {
                batch.add(new NewPoint("loss", i, i / 1000.0, 2 * Math.exp(-i / 200_000.0) + 0.01 * Math.sin(i), i));
                if (batch.size() == 20_000) {
                    runs.append(big, batch);
                    batch.clear();
                }
            }
            double coldMs = openServerSide(runs, big);
            double[] warm = new double[10];
            for (int k = 0; k < warm.length; k++) {
                warm[k] = openServerSide(runs, big);
            }
            Arrays.sort(warm);

            long heapBefore = usedHeapAfterGc();
            int heapViews = 5;
            for (int k = 0; k < heapViews; k++) {
                WebDriver d = HeadlessChromium.start();
                browsers.add(d);
                d.get("http://localhost:" + port + "/runs/" + big + "?series=loss");
                new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> pointCount(x) > 0);
            }
            long heapPerView = (usedHeapAfterGc() - heapBefore) / heapViews;
            browsers.forEach(WebDriver::quit);
            browsers.clear();

            long live = runs.createOrResume("bench", "live", Map.of(), List.of()).run().id();
            runs.append(live, List.of(new NewPoint("loss", 0, 0.0, 1.0, System.currentTimeMillis())));
            for (int k = 0; k < VIEWS; k++) {
                WebDriver d = HeadlessChromium.start();
                browsers.add(d);
                d.get("http://localhost:" + port + "/runs/" + live + "?series=loss&ema=false");
                new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> pointCount(x) > 0);
                ScreenLatency.watch(d);
            }
            int points = RATE * SECONDS;
            long[] sentAt = ScreenLatency.paced(points, RATE, (i, now) ->
                    runs.append(live, List.of(new NewPoint("loss", i, i / 100.0, 1.0 / (i + 1), now))));
            Thread.sleep(2000);
            List<Long> latencies = ScreenLatency.collect(browsers, sentAt, points);

            System.out.printf(Locale.ROOT, "%n=== Descent monitor benchmark (%d cores) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "Open a 1M-point run, server side (read + EMA + M4 + metrics): "
                    + "cold %.0f ms, warm median %.0f ms%n", coldMs, warm[warm.length / 2]);
            System.out.printf(Locale.ROOT, "Server heap per open view of the 1M-point run: %.1f MB (%d views)%n",
                    heapPerView / 1e6, heapViews);
            System.out.printf(Locale.ROOT, "Ingest-to-screen latency, %d views, %d points/s for %d s: "
                            + "p50 %d ms, p95 %d ms, p99 %d ms (%d samples)%n", VIEWS, RATE, SECONDS,
                    latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.95)),
                    latencies.get((int) (latencies.size() * 0.99)), latencies.size());
        } finally {
            browsers.forEach(WebDriver::quit);
            app.close();
        }
    }

    /** What a monitor does on the server when it opens: read, smooth, downsample, rebuild the metrics. */
    private static double openServerSide(RunService runs, long runId) {
        long t0 = System.nanoTime();
        SeriesData data = runs.readSeries(runId, "loss");
        LiveSeries.draw(data, 0, Long.MAX_VALUE, 1200, new Smoothing(0.6), XMode.ITERATION, new TimeOrigin()).line();
        new LossMetricsAccumulator(10).rebuild(data.iterations(), data.epochs(), data.values());
        return (System.nanoTime() - t0) / 1e6;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        return ScreenLatency.usedHeapAfterGc();
    }

    private static int pointCount(WebDriver d) {
        return ScreenLatency.pointCount(d);
    }
}
