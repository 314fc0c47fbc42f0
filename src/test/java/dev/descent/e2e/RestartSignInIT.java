package dev.descent.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node a signed-in browser uses is killed and started again (same address, same data): the open monitor
 * reloads by itself, is signed in again by the remembered sign-in, and goes on drawing new points live. Nobody
 * reloads the page or signs in a second time.
 */
class RestartSignInIT {

    private static final String TOKEN = "restart-it-token";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String points(int from, int n) {
        StringBuilder body = new StringBuilder("{\"points\": [");
        for (int i = from; i < from + n; i++) {
            body.append(i > from ? "," : "").append("{\"iteration\": ").append(i).append(", \"epoch\": ")
                    .append(i / 10.0).append(", \"loss\": ").append(1.0 / (1 + i)).append('}');
        }
        return body.append("]}").toString();
    }

    private static int drawn(Browser browser) {
        return browser.driver.findElements(By.tagName("loss-chart")).stream().findFirst()
                .map(c -> c.getDomAttribute("data-point-count")).map(v -> v == null ? 0 : Integer.parseInt(v)).orElse(0);
    }

    @Test
    void a_signed_in_monitor_survives_a_restart_of_its_node() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-sign-in-");
        Map<String, String> environment = Map.of("DESCENT_INGEST_TOKEN", TOKEN, "DESCENT_ADMIN_USER", "ada",
                "DESCENT_ADMIN_PASSWORD", "a-long-password");
        PackagedApp.Server server = PackagedApp.Server.start(dataDir, environment, "--server.port=" + port);
        try (Browser browser = new Browser(port)) {
            String created = post(server.url("/api/v1/runs"), "{\"project\": \"restart\", \"name\": \"survivor\"}").body();
            long run = Long.parseLong(created.replaceFirst("^\\{\"id\":(\\d+),.*$", "$1").trim());
            post(server.url("/api/v1/runs/" + run + "/points"), points(0, 10));

            browser.open("/login");
            WebElement name = browser.waitUntil(d -> d.findElements(By.cssSelector("vaadin-login-form input[name='username']"))
                    .stream().findFirst().orElse(null), Duration.ofSeconds(30));
            name.sendKeys("ada");
            browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("a-long-password");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].click()",
                    browser.driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")));
            browser.waitUntil(d -> d.getCurrentUrl().endsWith(":" + port + "/") ? true : null, Duration.ofSeconds(30));
            assertThat(browser.driver.manage().getCookieNamed("remember-me")).as("the sign-in is remembered").isNotNull();

            browser.open("/runs/" + run);
            browser.waitUntil(d -> drawn(browser) >= 10 ? true : null, Duration.ofSeconds(30));
            int perPoint = drawn(browser) / 10;

            server.kill();
            server = PackagedApp.Server.start(dataDir, environment, "--server.port=" + port);
            post(server.url("/api/v1/runs/" + run + "/points"), points(10, 5));

            // No reload, no sign-in by the test: the page finds its way back by itself.
            browser.waitUntil(d -> drawn(browser) == 15 * perPoint ? true : null, Duration.ofSeconds(90));
            assertThat(browser.driver.getCurrentUrl()).endsWith("/runs/" + run);
            post(server.url("/api/v1/runs/" + run + "/points"), points(15, 5));
            browser.waitUntil(d -> drawn(browser) == 20 * perPoint ? true : null, Duration.ofSeconds(10));
            browser.screenshot("restart-signed-in");

            // Signing out forgets the remembered sign-in: the next visit asks for the password.
            WebElement signOut = browser.driver.findElements(By.tagName("vaadin-button")).stream()
                    .filter(b -> b.getText().contains("Sign out")).findFirst().orElseThrow();
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].click()", signOut);
            browser.waitUntil(d -> d.getCurrentUrl().contains("/login") ? true : null, Duration.ofSeconds(30));
            assertThat(browser.driver.manage().getCookieNamed("remember-me")).isNull();
            browser.open("/runs/" + run);
            browser.waitUntil(d -> d.getCurrentUrl().contains("/login") ? true : null, Duration.ofSeconds(30));
        } finally {
            server.kill();
        }
    }
}
