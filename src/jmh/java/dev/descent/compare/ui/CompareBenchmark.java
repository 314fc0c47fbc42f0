package dev.descent.compare.ui;

import dev.descent.Application;
import dev.descent.bench.HeadlessChromium;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 50 runs of 100,000 points each in one comparison: time from navigation until Chromium has drawn all 50
 * lines, first with the series read from the database, then again from the server's series cache. Then the same
 * runs as 5 groups of 10 (issue 16): the server time to compute the 5 bands from the series cache (full
 * resolution, each member smoothed, downsampled keeping the extremes), and navigation until the 5 bands are drawn.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.compare=false}.
 */
public final class CompareBenchmark {

    static final int RUNS = 50;
    static final int POINTS = 100_000;

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("descent-bench");
        ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                "--server.port=0", "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false",
                "--descent.cache.max-points=10000000", "--descent.dev.auto-login=true", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        WebDriver driver = null;
        try {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            RunService runs = app.getBean(RunService.class);
            List<Long> ids = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                double lr = 0.5 + r * 0.05;
                long id = runs.createOrResume("bench", "run-" + r, Map.of("lr", lr, "arch", "a" + r % 5), List.of())
                        .run().id();
                List<NewPoint> batch = new ArrayList<>(20_000);
                for (int i = 0; i < POINTS; i++) {
                    batch.add(new NewPoint("loss", i, i / 1000.0, 0.1 + 2 * Math.exp(-i * lr / 20_000.0), i));
                    if (batch.size() == 20_000) {
                        runs.append(id, batch);
                        batch.clear();
                    }
                }
                ids.add(id);
            }
            driver = HeadlessChromium.start();
            String url = "http://localhost:" + port + "/compare?smoothing=0.6&runs="
                    + ids.stream().map(String::valueOf).collect(Collectors.joining(","));
            double cold = open(driver, url);
            driver.get("http://localhost:" + port + "/");
            double warm = open(driver, url);
            // Baseline in the same run: the same page with one of the runs, so what the page costs without 50 lines.
            driver.get("about:blank");
            long oneStart = System.nanoTime();
            driver.get("http://localhost:" + port + "/compare?smoothing=0.6&runs=" + ids.getFirst());
            new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "const c = document.querySelector('loss-chart'); return c && c._plot && c._data.size ? 1 : 0;"))
                    .intValue() == 1);
            double one = (System.nanoTime() - oneStart) / 1e6;
            double grouped = openGroups(driver, url + "&group=params.arch&band=std");
            double[] server = new double[11];
            for (int rep = 0; rep < server.length; rep++) {
                long start = System.nanoTime();
                for (int g = 0; g < 5; g++) {
                    List<dev.descent.run.SeriesData> members = new ArrayList<>();
                    for (int r = g; r < RUNS; r += 5) {
                        members.add(runs.readSeries(ids.get(r), "loss"));
                    }
                    dev.descent.plot.GroupBand.downsample(dev.descent.plot.GroupBand.ofMembers(members,
                            new dev.descent.plot.Smoothing(0.6), 0, Long.MAX_VALUE), 2 * 1000);
                }
                server[rep] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(server);
            System.out.printf(Locale.ROOT, "%n=== Descent compare benchmark (%d cores) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%d runs x %,d points in one chart, navigation to all lines drawn: "
                    + "%.0f ms (series read from the database), %.0f ms (from the series cache); the same page with 1 run: "
                    + "%.0f ms%n", RUNS, POINTS, cold, warm, one);
            System.out.printf(Locale.ROOT, "the same runs as 5 groups of 10 (mean ± std bands, smoothing 0.6): server time "
                    + "to compute the 5 bands from the series cache %.0f ms (median of %d; min %.0f, max %.0f); "
                    + "navigation to the 5 bands drawn %.0f ms%n", server[server.length / 2], server.length, server[0],
                    server[server.length - 1], grouped);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            app.close();
        }
    }

    /** Until the 5 groups' bands are drawn. */
    private static double openGroups(WebDriver driver, String url) {
        driver.get("about:blank");
        return opened(driver, url, """
                let n = 0;
                for (const [id, s] of c._data) if (id.endsWith('-upper') && s.x.length > 0) n++;
                return c._plot.bands.length === 5 ? n : 0;""", 5);
    }

    /** Until every run's line is drawn. */
    private static double open(WebDriver driver, String url) {
        return opened(driver, url, """
                let n = 0;
                for (const s of c._data.values()) if (s.x.length > 0) n++;
                return n;""", RUNS);
    }

    /** Milliseconds from navigation until {@code count} (a script over the chart {@code c}) reaches {@code atLeast}. */
    private static double opened(WebDriver driver, String url, String count, int atLeast) {
        long start = System.nanoTime();
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> {
            Object drawn = ((JavascriptExecutor) d).executeScript("""
                    const c = document.querySelector('loss-chart');
                    if (!c || !c._data || !c._plot) return 0;
                    """ + count);
            return ((Number) drawn).intValue() >= atLeast;
        });
        return (System.nanoTime() - start) / 1e6;
    }
}
