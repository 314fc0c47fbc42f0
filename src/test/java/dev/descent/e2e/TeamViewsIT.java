package dev.descent.e2e;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The team's daily views (issue 16) in real Chromium: group bands, the runs table, the dashboard, a phone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TeamViewsIT {

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;

    private long run(String name, double lr, int seed, List<String> tags, double offset) {
        long id = runs.createOrResume("team-e2e", name, Map.of("lr", lr, "seed", seed), tags).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double loss = 0.2 + 2 * Math.exp(-i * lr / 10) + offset;
            points.add(new NewPoint("loss", i, i / 100.0, loss, 1_764_300_000_000L + i * 1000L));
            points.add(new NewPoint("lr", i, i / 100.0, lr * (1 - i / 600.0), 1_764_300_000_000L + i * 1000L));
            if (i % 10 == 0) {
                points.add(new NewPoint("val_loss", i, i / 100.0, loss + 0.1, 1_764_300_000_000L + i * 1000L));
            }
        }
        runs.append(id, points);
        return id;
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void groups_are_drawn_as_mean_lines_with_shaded_bands_and_markup_in_a_key_stays_text() {
        long a = run("grp-e2e-a", 0.1, 1, List.of(), 0.0);
        long b = run("grp-e2e-b", 0.1, 2, List.of(), 0.3);
        long c = run("grp-e2e-c", 1.0, 1, List.of("<img src=x onerror=document.title='owned'>"), 0.0);
        try (Browser browser = new Browser(port)) {
            browser.open("/compare?runs=" + a + "," + b + "," + c + "&group=params.lr&band=std&smoothing=0");
            String legend = browser.waitUntil(d -> {
                String text = d.findElement(By.cssSelector("loss-chart .u-legend")).getText();
                return text.contains("0.1 (2 runs)") && text.contains("1.0 (1 run)") ? text : null;
            }, Duration.ofSeconds(30));
            assertThat(legend).as("band edges are not legend entries").doesNotContain("upper", "lower");
            Number bands = (Number) js(browser.driver, "return document.querySelector('loss-chart')._plot.bands.length");
            assertThat(bands.intValue()).isEqualTo(2);
            // The band is filled: between the edges at iteration 100, the canvas is tinted with the group's colour.
            Number upper = (Number) js(browser.driver, """
                    const c = document.querySelector('loss-chart'); const u = c._plot;
                    const i = u.data[0].indexOf(100); return u.data[2][i] - u.data[3][i];""");
            assertThat(upper.doubleValue()).as("±1 std of 0.0 and 0.3 offsets").isCloseTo(2 * 0.3 / Math.sqrt(2),
                    org.assertj.core.api.Assertions.within(1e-9));
            js(browser.driver, "document.querySelector('loss-chart').scrollIntoView({block: 'start'})");
            browser.screenshot("compare-groups");

            browser.open("/compare?runs=" + a + "," + b + "," + c + "&group=tag");
            String tagLegend = browser.waitUntil(d -> {
                String text = d.findElement(By.cssSelector("loss-chart .u-legend")).getText();
                return text.contains("<img") ? text : null;
            }, Duration.ofSeconds(30));
            assertThat(tagLegend).contains("<img src=x onerror=document.title='owned'> (1 run)");
            assertThat(((Number) js(browser.driver, "return document.querySelectorAll('loss-chart .u-legend img').length"))
                    .intValue()).isZero();
            assertThat(browser.driver.getTitle()).isNotEqualTo("owned");
        }
    }

    private static List<String> runNames(WebDriver driver) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) js(driver, """
                const grid = document.querySelector('vaadin-grid');
                if (!grid) return [];
                return Array.from(grid.shadowRoot.querySelectorAll('#items tr'))
                  .filter(r => !r.hidden && r.index !== undefined)
                  .sort((a, b) => a.index - b.index)
                  .flatMap(r => Array.from(r.querySelectorAll('slot'))
                    .map(s => ((s.assignedElements()[0] || {}).textContent || '').trim()))
                  .filter(t => t.startsWith('tbl-e2e-'));""");
        return names;
    }

    @Test
    void the_runs_table_filters_and_sorts_from_the_url_and_a_header_click_reverses_it() {
        run("tbl-e2e-a", 0.1, 1, List.of(), 0.5);
        run("tbl-e2e-b", 0.1, 2, List.of(), 0.0);
        run("tbl-e2e-c", 0.01, 1, List.of(), 0.2);
        try (Browser browser = new Browser(port)) {
            browser.open("/?q=/tbl-e2e-/&params=lr%3D0.1&columns=minLoss,params.lr&sort=minLoss&order=asc");
            browser.waitUntil(d -> runNames(d).size() == 2 ? true : null, Duration.ofSeconds(30));
            assertThat(runNames(browser.driver)).containsExactly("tbl-e2e-b", "tbl-e2e-a");

            browser.driver.findElements(By.tagName("vaadin-grid-sorter")).stream()
                    .filter(s -> s.getText().contains("Min loss")).findFirst().orElseThrow().click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("order=desc") ? true : null, Duration.ofSeconds(10));
            browser.waitUntil(d -> runNames(d).equals(List.of("tbl-e2e-a", "tbl-e2e-b")) ? true : null,
                    Duration.ofSeconds(10));
            assertThat(browser.driver.getCurrentUrl()).contains("sort=minLoss", "columns=minLoss%2Cparams.lr");
            browser.screenshot("runs-table");
        }
    }

    @Test
    void the_dashboard_shows_every_series_on_a_shared_cursor_and_a_click_opens_one() {
        long id = run("dash-e2e", 0.1, 1, List.of(), 0.0);
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id + "?view=dashboard");
            browser.waitUntil(d -> d.findElements(By.cssSelector("loss-chart.dashboard-chart")).size() == 3
                    && d.findElements(By.cssSelector("loss-chart.dashboard-chart .u-over")).size() == 3 ? true : null,
                    Duration.ofSeconds(30));
            var charts = browser.driver.findElements(By.cssSelector("loss-chart.dashboard-chart"));
            var first = charts.get(0).findElement(By.cssSelector(".u-over"));
            new Actions(browser.driver).moveToElement(first, 20, 10).perform();
            browser.waitUntil(d -> {
                Number left = (Number) js(d, "return document.querySelectorAll('loss-chart.dashboard-chart')[2]._plot.cursor.left");
                return left != null && left.doubleValue() >= 0 ? true : null;
            }, Duration.ofSeconds(10));
            @SuppressWarnings("unchecked")
            List<Number> maxima = (List<Number>) js(browser.driver, "return Array.from("
                    + "document.querySelectorAll('loss-chart.dashboard-chart')).map(c => c._plot.scales.x.max)");
            assert maxima != null;
            assertThat(maxima).as("one x-axis: val_loss, logged every 10 steps up to 290, is drawn up to 299 too")
                    .extracting(Number::doubleValue).containsOnly(299.0);
            js(browser.driver, "document.querySelector('.series-dashboard').scrollIntoView({block: 'start'})");
            browser.screenshot("monitor-dashboard");

            String lrChart = "loss-chart.dashboard-chart[data-series='lr'] .u-over";
            new Actions(browser.driver).moveToElement(browser.driver.findElement(By.cssSelector(lrChart))).click().perform();
            browser.waitUntil(d -> !d.getCurrentUrl().contains("view=dashboard") && d.getCurrentUrl().contains("series=lr")
                    ? true : null, Duration.ofSeconds(10));
        }
    }

    @Test
    void at_phone_width_the_runs_table_and_the_monitor_stay_readable() {
        long id = run("phone-e2e-a-rather-long-run-name", 0.1, 1, List.of(), 0.0);
        try (Browser browser = new Browser(port)) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.open("/?q=phone-e2e");
            var cell = browser.gridCell("phone-e2e-a-rather-long-run-name");
            assertThat(cell.getSize().getWidth()).as("the run's name keeps its room").isGreaterThanOrEqualTo(150);
            Number hidden = (Number) js(browser.driver, "return arguments[0].scrollWidth - arguments[0].clientWidth", cell);
            assertThat(hidden.intValue()).as("the whole name is shown, wrapped, not cut").isLessThanOrEqualTo(0);
            Number overflow = (Number) js(browser.driver,
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("nothing wider than the screen").isLessThanOrEqualTo(0);
            browser.screenshot("phone-runs");

            browser.open("/runs/" + id);
            browser.waitUntil(d -> d.findElements(By.cssSelector("loss-chart .u-over")).isEmpty() ? null : true,
                    Duration.ofSeconds(30));
            Number chartWidth = (Number) js(browser.driver, "return document.querySelector('loss-chart').getBoundingClientRect().width");
            Number viewport = (Number) js(browser.driver, "return document.documentElement.clientWidth");
            assertThat(chartWidth.doubleValue()).as("the chart takes the width").isGreaterThanOrEqualTo(viewport.doubleValue() - 24);
            overflow = (Number) js(browser.driver,
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("controls within reach, no sideways scrolling").isLessThanOrEqualTo(0);
            browser.screenshot("phone-monitor");
        }
    }
}
