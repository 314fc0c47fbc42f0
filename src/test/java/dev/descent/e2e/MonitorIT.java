package dev.descent.e2e;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The training monitor in real Chromium, fed through the real HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitorIT {

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;

    private final HttpClient http = HttpClient.newHttpClient();

    private long createRun(String name) throws Exception {
        String body = post("/api/v1/runs", "{\"project\": \"e2e\", \"name\": \"" + name + "\"}");
        int at = body.indexOf("\"id\":") + 5;
        return Long.parseLong(body.substring(at, body.indexOf(',', at)).trim());
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer test-ingest-token")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private String postPoints(long runId, int from, int to, java.util.function.IntToDoubleFunction loss) throws Exception {
        String points = IntStream.range(from, to)
                .mapToObj(i -> "{\"iteration\": " + i + ", \"epoch\": " + i / 10.0 + ", \"loss\": " + loss.applyAsDouble(i) + "}")
                .collect(Collectors.joining(",", "{\"points\": [", "]}"));
        return post("/api/v1/runs/" + runId + "/points", points);
    }

    private static int pointCount(WebDriver driver) {
        String value = driver.findElement(By.tagName("loss-chart")).getDomAttribute("data-point-count");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static String card(WebDriver driver, int index) {
        List<WebElement> values = driver.findElements(By.cssSelector(".metric-card .metric-value"));
        return values.size() > index ? values.get(index).getText() : "";
    }

    @Test
    void points_posted_to_the_api_update_the_canvas_and_the_cards() throws Exception {
        long id = createRun("api-fed");
        postPoints(id, 0, 50, i -> 2.0 - i * 0.02);
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id);
            browser.waitUntil(d -> card(d, 0).equals("1.020000"), Duration.ofSeconds(30));
            int before = pointCount(browser.driver);

            postPoints(id, 50, 100, i -> i == 70 ? 0.05 : 1.0 - (i - 50) * 0.005);

            browser.waitUntil(d -> card(d, 0).equals("0.755000"), Duration.ofSeconds(10));
            assertThat(card(browser.driver, 1)).as("min loss").isEqualTo("0.050000");
            assertThat(pointCount(browser.driver)).isGreaterThan(before);
            assertThat(browser.driver.findElement(By.cssSelector("loss-chart canvas")).isDisplayed()).isTrue();
            browser.screenshot("monitor-api-fed");
        }
    }

    @Test
    void two_viewers_see_a_batch_within_a_second_and_a_clear_empties_both() throws Exception {
        long id = createRun("watched-by-two");
        postPoints(id, 0, 20, i -> 1.0 / (i + 1));
        try (Browser first = new Browser(port); Browser second = new Browser(port)) {
            first.open("/runs/" + id);
            second.open("/runs/" + id);
            for (Browser b : List.of(first, second)) {
                b.waitUntil(d -> card(d, 0).equals("0.050000"), Duration.ofSeconds(30));
            }

            long posted = System.nanoTime();
            postPoints(id, 20, 40, i -> i == 39 ? 0.0123 : 0.04);
            for (Browser b : List.of(first, second)) {
                Duration left = Duration.ofNanos(Math.max(1, 1_000_000_000L - (System.nanoTime() - posted)));
                b.waitUntil(d -> card(d, 0).equals("0.012300"), left);
            }
            long latencyMs = (System.nanoTime() - posted) / 1_000_000;
            System.out.println("POST -> both screens updated in " + latencyMs + " ms");
            first.screenshot("monitor-viewer-1");
            second.screenshot("monitor-viewer-2");

            WebElement clear = first.driver.findElements(By.tagName("vaadin-button")).stream()
                    .filter(b -> b.getText().contains("Clear history")).findFirst().orElseThrow();
            ((JavascriptExecutor) first.driver).executeScript("arguments[0].scrollIntoView(); arguments[0].click()", clear);
            WebElement confirm = first.waitUntil(d -> d.findElements(By.cssSelector("vaadin-button[slot='confirm-button']"))
                    .stream().filter(WebElement::isDisplayed).findFirst().orElse(null), Duration.ofSeconds(10));
            assertThat(first.driver.findElement(By.tagName("vaadin-confirm-dialog")).getText()
                    + ((JavascriptExecutor) first.driver).executeScript(
                    "return document.querySelector('vaadin-confirm-dialog').message || ''"))
                    .contains("40 points of run watched-by-two");
            ((JavascriptExecutor) first.driver).executeScript("arguments[0].click()", confirm);

            second.waitUntil(d -> pointCount(d) == 0 && card(d, 0).equals("—"), Duration.ofSeconds(10));
            first.waitUntil(d -> pointCount(d) == 0, Duration.ofSeconds(10));
            assertThat(runs.readSeries(id, "loss").size()).isZero();
            second.screenshot("monitor-cleared-by-other-viewer");
        }
    }

    @Test
    void log_scale_hides_zero_and_says_so() throws Exception {
        long id = createRun("with-a-zero");
        postPoints(id, 0, 30, i -> i == 10 ? 0.0 : 1.0 / (i + 1));
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id + "?series=loss&ema=false&scale=log");
            WebElement note = browser.waitUntil(d -> d.findElements(By.cssSelector(".loss-chart-note")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null), Duration.ofSeconds(30));
            assertThat(note.getText()).isEqualTo("1 point ≤ 0 hidden on log scale");
            browser.screenshot("monitor-log-scale");
        }
    }

    @Test
    void a_run_of_a_million_points_opens_and_draws() {
        long id = runs.createOrResume("e2e", "one-million", Map.of(), List.of()).run().id();
        List<NewPoint> batch = new ArrayList<>(20_000);
        for (int i = 0; i < 1_000_000; i++) {
            batch.add(new NewPoint("loss", i, i / 1000.0, 2 * Math.exp(-i / 200_000.0) + (i == 777_777 ? 5 : 0), i));
            if (batch.size() == 20_000) {
                runs.append(id, batch);
                batch.clear();
            }
        }
        long cold = System.nanoTime();
        runs.readSeries(id, "loss");
        long coldMs = (System.nanoTime() - cold) / 1_000_000;

        try (Browser browser = new Browser(port)) {
            long start = System.nanoTime();
            browser.open("/runs/" + id + "?series=loss");
            browser.waitUntil(d -> pointCount(d) > 0, Duration.ofSeconds(30));
            long firstPaintMs = (System.nanoTime() - start) / 1_000_000;
            browser.screenshot("monitor-one-million");

            // Again in the same browser (scripts cached), to separate the app's first load from the run's.
            browser.open("/");
            browser.gridCell("one-million");
            start = System.nanoTime();
            browser.open("/runs/" + id + "?series=loss&smoothing=0.9");
            browser.waitUntil(d -> pointCount(d) > 0, Duration.ofSeconds(30));
            long warmPaintMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("1M-point run: cold read %d ms, navigation to first paint %d ms (fresh browser), "
                    + "%d ms (browser with cached scripts)%n", coldMs, firstPaintMs, warmPaintMs);
            assertThat(pointCount(browser.driver)).as("downsampled, not a million").isLessThan(20_000);
        }
    }
}
