package dev.descent.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer's first minute: demo runs listed, the live run opened, and its chart growing by push. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"descent.demo.enabled=true", "descent.demo.interval-ms=200"})
class LiveRunIT {

    @LocalServerPort
    int port;

    @Test
    void the_live_demo_run_grows_in_the_browser_without_reload() {
        try (Browser browser = new Browser(port)) {
            browser.open("/");
            browser.gridCell("resnet18-baseline");
            browser.gridCell("resnet18-sgd-plateau");
            browser.screenshot("runs");

            browser.gridCell("live-transformer-1").click();
            browser.waitUntil(d -> d.getCurrentUrl().matches(".*/runs/\\d+$"), Duration.ofSeconds(10));
            WebElement chart = browser.driver.findElement(By.tagName("loss-chart"));
            int first = browser.waitUntil(d -> {
                int n = pointCount(chart);
                return n > 0 ? n : null;
            }, Duration.ofSeconds(30));

            int later = browser.waitUntil(d -> {
                int n = pointCount(chart);
                return n > first ? n : null;
            }, Duration.ofSeconds(15));

            assertThat(later).isGreaterThan(first);
            assertThat(browser.driver.findElement(By.cssSelector(".status-badge")).getText()).isEqualTo("running");
            assertThat(browser.driver.findElement(By.cssSelector("loss-chart canvas")).isDisplayed()).isTrue();
            browser.screenshot("live-run");
        }
    }

    @Test
    void an_unknown_run_shows_a_friendly_not_found_page() {
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/999999999");
            String text = browser.waitUntil(d -> {
                String body = d.findElement(By.tagName("body")).getText();
                return body.contains("Run not found") ? body : null;
            }, Duration.ofSeconds(30));
            assertThat(text).contains("no run with id 999999999");
            browser.screenshot("run-not-found");
        }
    }

    @Test
    void an_unknown_run_answers_with_http_404() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/runs/999999999")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static int pointCount(WebElement chart) {
        String value = chart.getDomAttribute("data-point-count");
        return value == null ? 0 : Integer.parseInt(value);
    }
}
