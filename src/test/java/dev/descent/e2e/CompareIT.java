package dev.descent.e2e;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Three runs overlaid in real Chromium, one of them still training. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompareIT {

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;

    private long run(String name, double lr, int steps) {
        long id = runs.createOrResume("compare-e2e", name, Map.of("lr", lr, "optimizer", "adamw"), List.of()).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            points.add(new NewPoint("loss", i, i / 100.0, 0.2 + 2 * Math.exp(-i * lr / 10), 1_764_300_000_000L + i * 1000L));
        }
        runs.append(id, points);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static long lastX(org.openqa.selenium.WebDriver driver, String seriesId) {
        Object x = ((JavascriptExecutor) driver).executeScript(
                "const c = document.querySelector('loss-chart'); const s = c && c._data.get(arguments[0]);"
                        + "return s && s.x.length ? s.x[s.x.length - 1] : -1;", seriesId);
        return ((Number) x).longValue();
    }

    @Test
    void three_runs_overlay_with_a_legend_and_the_live_one_keeps_growing() {
        long a = run("cmp-lr1e-3", 0.1, 800);
        long b = run("cmp-lr3e-3", 0.3, 800);
        long live = run("cmp-lr1e-2-live", 1.0, 300);
        runs.changeStatus(a, RunStatus.FINISHED);
        runs.changeStatus(b, RunStatus.FINISHED);

        try (Browser browser = new Browser(port)) {
            browser.open("/compare?runs=" + a + "," + b + "," + live + "&smoothing=0.6");
            String legend = browser.waitUntil(d -> {
                String text = d.findElement(By.cssSelector("loss-chart .u-legend")).getText();
                return text.contains("cmp-lr1e-2-live") ? text : null;
            }, Duration.ofSeconds(30));
            assertThat(legend).contains("cmp-lr1e-3", "cmp-lr3e-3", "cmp-lr1e-2-live");
            assertThat(browser.driver.findElement(By.tagName("body")).getText())
                    .as("differing param becomes a table column").contains("lr");
            assertThat(lastX(browser.driver, "run-" + live)).isEqualTo(299);

            List<NewPoint> more = new ArrayList<>();
            for (int i = 300; i < 320; i++) {
                more.add(new NewPoint("loss", i, i / 100.0, 0.21, 1_764_300_000_000L + i * 1000L));
            }
            runs.append(live, more);

            browser.waitUntil(d -> lastX(d, "run-" + live) == 319, Duration.ofSeconds(10));
            assertThat(lastX(browser.driver, "run-" + a)).as("finished runs unchanged").isEqualTo(799);
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.querySelector('loss-chart').scrollIntoView({block: 'start'})");
            browser.screenshot("compare-three-runs");
        }
    }

    private static long browserPoints(org.openqa.selenium.WebDriver driver) {
        Object n = ((JavascriptExecutor) driver).executeScript(
                "let n = 0; for (const s of document.querySelector('loss-chart')._data.values()) n += s.x.length; return n;");
        return ((Number) n).longValue();
    }

    @Test
    void a_comparison_left_open_on_a_live_run_keeps_a_bounded_number_of_points_in_the_browser() {
        long live = run("cmp-bounded-live", 1.0, 100);
        int batches = 20;
        int perBatch = 1_000;
        try (Browser browser = new Browser(port)) {
            browser.open("/compare?runs=" + live + "&smoothing=0");
            browser.waitUntil(d -> lastX(d, "run-" + live) == 99, Duration.ofSeconds(30));
            long most = 0;
            for (int b = 0; b < batches; b++) {
                List<NewPoint> more = new ArrayList<>();
                int first = 100 + b * perBatch;
                for (int i = first; i < first + perBatch; i++) {
                    more.add(new NewPoint("loss", i, i / 100.0, 0.2 + 1.0 / i, 1_764_300_000_000L + i * 1000L));
                }
                runs.append(live, more);
                long end = first + perBatch - 1;
                browser.waitUntil(d -> lastX(d, "run-" + live) == end, Duration.ofSeconds(10));
                most = Math.max(most, browserPoints(browser.driver));
            }
            // One run gets the chart's 1000 buckets: M4 draws at most 4000 points, appended ones are capped at 3 x that.
            long cap = 3L * 4 * 1000;
            assertThat(100L + batches * perBatch).as("the run outgrew the cap").isGreaterThan(cap);
            assertThat(most).as("points the browser holds, at most, over %d live batches", batches)
                    .isLessThanOrEqualTo(cap);
        }
    }
}
