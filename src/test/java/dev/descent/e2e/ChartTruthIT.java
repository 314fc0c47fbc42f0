package dev.descent.e2e;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chart shows in real Chromium, on a real-shaped log: a loss every 25 steps falling to a floor around
 * 1e-4, an eval loss every 1,000 steps (issue 14's items that live in the browser).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChartTruthIT {

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;

    /**
     * 200 points every 25 steps, from 2.3 down to a floor of 1.4e-4; eval_loss at 1000, 2000 … 5000; a learning
     * rate decaying from 3e-3 (the right axis read "0.003, 0.003, 0.002, 0.002").
     */
    private long realShaped(String name) {
        long id = runs.createOrResume("chart-truth", name, Map.of(), List.of()).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int step = 0; step < 5_000; step += 25) {
            double loss = 1.4e-4 + 2.3 * Math.exp(-step / 300.0) + 1e-5 * Math.sin(step);
            points.add(new NewPoint("loss", step, step / 500.0, loss, 1_764_300_000_000L + step * 100L));
            points.add(new NewPoint("lr", step, step / 500.0, 3e-3 * (1 - step / 5_000.0) + 1e-4,
                    1_764_300_000_000L + step * 100L));
            if (step > 0 && step % 1_000 == 0) {
                points.add(new NewPoint("eval_loss", step, step / 500.0, 0.5 + step / 10_000.0, 1_764_300_000_000L + step * 100L));
            }
        }
        runs.append(id, points);
        return id;
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static boolean drawn(WebDriver d) {
        return Boolean.TRUE.equals(js(d, "const c = document.querySelector('loss-chart');"
                + "return !!(c && c._plot && c._plot.data[0].length > 0);"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void log_axis_labels_read_real_values_on_a_range_that_fits_the_data() {
        long id = realShaped("log-ticks");
        try (Browser browser = new Browser(port)) {
            // Zoomed on the floor: every value between 1.3e-4 and 2.6e-4.
            browser.open("/runs/" + id + "?series=loss&ema=false&scale=log&from=3000&to=4975");
            browser.waitUntil(ChartTruthIT::drawn, Duration.ofSeconds(30));
            List<String> labels = (List<String>) js(browser.driver,
                    "return document.querySelector('loss-chart')._plot.axes[1]._values.filter(v => v !== '');");
            List<Number> range = (List<Number>) js(browser.driver,
                    "const y = document.querySelector('loss-chart')._plot.scales.y; return [y.min, y.max];");
            List<Number> data = (List<Number>) js(browser.driver,
                    "const ys = document.querySelector('loss-chart')._data.get('loss').y.filter(v => v != null);"
                            + "return [Math.min(...ys), Math.max(...ys)];");

            assertThat(labels).as("tick labels").isNotEmpty().doesNotContain("0");
            assertThat(new HashSet<>(labels)).as("no label twice").hasSameSizeAs(labels);
            for (String label : labels) {
                assertThat(Double.parseDouble(label)).as(label).isBetween(1e-4, 3e-4);
            }
            // The range fits the data (within 10 %), where it snapped to the whole decade 1e-4 … 1e-3 before.
            double min = data.get(0).doubleValue();
            double max = data.get(1).doubleValue();
            assertThat(range.get(0).doubleValue()).as("bottom of the range, data from %s", min).isBetween(min / 1.1, min);
            assertThat(range.get(1).doubleValue()).as("top of the range, data to %s", max).isBetween(max, max * 1.1);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void the_readout_of_a_sparse_series_is_the_value_logged_at_or_before_the_cursor_with_its_step() {
        long id = realShaped("sparse-readout");
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id + "?series=loss,eval_loss,lr&ema=false");
            browser.waitUntil(ChartTruthIT::drawn, Duration.ofSeconds(30));
            // The cursor at iteration 1525: eval_loss was logged at 1000 (0.6) and next at 2000 (0.7).
            String readout = browser.waitUntil(d -> {
                js(d, "const u = document.querySelector('loss-chart')._plot;"
                        + "u.setCursor({left: u.valToPos(1525, 'x'), top: 20});");
                List<String> values = (List<String>) js(d, "return [...document.querySelectorAll("
                        + "'loss-chart .u-legend .u-series')].map(r => r.innerText.replace(/\\s+/g, ' ').trim());");
                return values.stream().filter(v -> v.startsWith("eval_loss")).findFirst().orElse(null);
            }, Duration.ofSeconds(10));
            assertThat(readout).contains("0.600000").contains("(at 1000)").doesNotContain("0.700000");

            // Linear-axis labels say exactly where their ticks are (a step of 0.25 read "1.8" for 1.75 before),
            // on both axes, and never twice the same.
            for (int axis : new int[]{1, 2}) {
                List<String> labels = (List<String>) js(browser.driver,
                        "const a = document.querySelector('loss-chart')._plot.axes[arguments[0]];"
                                + "return a && a._values ? a._values.map(String) : [];", axis);
                List<Number> splits = (List<Number>) js(browser.driver,
                        "const a = document.querySelector('loss-chart')._plot.axes[arguments[0]];"
                                + "return a && a._splits ? a._splits : [];", axis);
                assertThat(labels).as("axis %d (1: loss, 2: lr on the right) has labels", axis).hasSizeGreaterThan(2);
                assertThat(new HashSet<>(labels)).as("axis %d labels %s", axis, labels).hasSameSizeAs(labels);
                for (int i = 0; i < labels.size(); i++) {
                    double tick = splits.get(i).doubleValue();
                    assertThat(Double.parseDouble(labels.get(i))).as("axis %d label %s", axis, labels.get(i))
                            .isCloseTo(tick, org.assertj.core.api.Assertions.within(Math.abs(tick) * 1e-9 + 1e-12));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void a_zoom_on_a_live_run_stays_exactly_its_window_and_is_kept_in_the_url() {
        long id = realShaped("live-zoom");
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id + "?series=loss&ema=false");
            browser.waitUntil(ChartTruthIT::drawn, Duration.ofSeconds(30));
            // A drag from iteration 500 to 1500, as the mouse does it.
            js(browser.driver, "const u = document.querySelector('loss-chart')._plot;"
                    + "const l = u.valToPos(500, 'x'); u.setSelect({left: l, width: u.valToPos(1500, 'x') - l, top: 0,"
                    + " height: u.bbox.height / devicePixelRatio}, true);");
            browser.waitUntil(d -> d.getCurrentUrl().contains("from=") ? true : null, Duration.ofSeconds(10));
            String url = browser.driver.getCurrentUrl();
            browser.waitUntil(d -> ((Number) js(d, "const s = document.querySelector('loss-chart')._data.get('loss');"
                    + "return s.x.length ? s.x[s.x.length - 1] : -1;")).longValue() <= 1_500, Duration.ofSeconds(10));

            // The run goes on: points at 5000 … 5475 arrive while zoomed; the card shows the newest loss.
            List<NewPoint> more = new ArrayList<>();
            for (int step = 5_000; step < 5_500; step += 25) {
                more.add(new NewPoint("loss", step, step / 500.0, 0.123456, 1_764_300_000_000L + step * 100L));
            }
            runs.append(id, more);
            browser.waitUntil(d -> d.findElement(By.tagName("body")).getText().contains("0.123456"), Duration.ofSeconds(10));

            List<Number> xs = (List<Number>) js(browser.driver,
                    "return Array.from(document.querySelector('loss-chart')._data.get('loss').x);");
            assertThat(xs).as("the window's points only: nothing drawn across iterations never loaded").isNotEmpty()
                    .allSatisfy(x -> assertThat(x.doubleValue()).isBetween(475.0, 1_525.0));
            assertThat(url).contains("from=").contains("to=");

            // The same link in another browser opens the same window.
            try (Browser other = new Browser(port)) {
                other.driver.get(url);
                other.waitUntil(ChartTruthIT::drawn, Duration.ofSeconds(30));
                List<Number> range = (List<Number>) js(other.driver,
                        "const x = document.querySelector('loss-chart')._plot.scales.x; return [x.min, x.max];");
                assertThat(range.get(0).doubleValue()).isGreaterThanOrEqualTo(475.0);
                assertThat(range.get(1).doubleValue()).isLessThanOrEqualTo(1_525.0);
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void a_diverged_run_is_left_out_of_the_y_range_and_the_png_has_a_title_and_a_legend() {
        long a = realShaped("steady-a");
        long b = realShaped("steady-b");
        long diverged = runs.createOrResume("chart-truth", "diverged-c", Map.of(), List.of()).run().id();
        List<NewPoint> blowUp = new ArrayList<>();
        for (int step = 0; step < 5_000; step += 25) {
            blowUp.add(new NewPoint("loss", step, step / 500.0, step < 2_000 ? 2.0 : 1e5, 1_764_300_000_000L + step * 100L));
        }
        runs.append(diverged, blowUp);
        try (Browser browser = new Browser(port)) {
            browser.open("/compare?runs=" + a + "," + b + "," + diverged + "&smoothing=0");
            browser.waitUntil(ChartTruthIT::drawn, Duration.ofSeconds(30));
            Number top = (Number) browser.waitUntil(d -> js(d,
                    "return document.querySelector('loss-chart')._plot.scales.y.max;"), Duration.ofSeconds(10));
            assertThat(top.doubleValue()).as("y-range top with outliers ignored").isLessThan(10);

            browser.driver.findElements(By.tagName("vaadin-button")).stream()
                    .filter(button -> button.getText().contains("Export PNG")).findFirst().orElseThrow().click();
            String legend = browser.waitUntil(d -> d.findElement(By.tagName("loss-chart")).getAttribute("data-png-legend"),
                    Duration.ofSeconds(10));
            assertThat(legend.split("\\|")).containsExactlyInAnyOrder("steady-a", "steady-b", "diverged-c");
            assertThat(browser.driver.findElement(By.tagName("loss-chart")).getAttribute("data-png-title"))
                    .contains("loss of 3 runs");
            String size = browser.driver.findElement(By.tagName("loss-chart")).getAttribute("data-png-size");
            String[] image = size.split(" ")[0].split("x");
            String[] plot = size.substring(size.lastIndexOf(' ') + 1).split("x");
            assertThat(Integer.parseInt(image[1])).as("the PNG is taller than the plot: title and legend")
                    .isGreaterThan(Integer.parseInt(plot[1]));

            browser.driver.findElements(By.tagName("vaadin-checkbox")).stream()
                    .filter(box -> box.getText().contains("Ignore outliers")).findFirst().orElseThrow().click();
            browser.waitUntil(d -> ((Number) js(d, "return document.querySelector('loss-chart')._plot.scales.y.max;"))
                    .doubleValue() >= 1e5 ? true : null, Duration.ofSeconds(10));
            assertThat(browser.driver.getCurrentUrl()).contains("outliers=show");
        }
    }
}
