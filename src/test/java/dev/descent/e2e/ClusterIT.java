package dev.descent.e2e;

import dev.descent.TestDatabase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real jars on one PostgreSQL database: points ingested on node A are drawn live in a Chromium page served by
 * node B; a history cleared on A is gone from B's API and chart at once; B's listener connection, killed with
 * pg_terminate_backend, comes back and B's page catches up on points sent meanwhile.
 */
class ClusterIT {

    private static final String INGEST = "cluster-it-ingest";
    private static final String ADMIN = "cluster-it-admin";
    private static final Pattern NODE = Pattern.compile("as node ([0-9a-f-]{36})");
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String points(int from, int n) {
        StringBuilder body = new StringBuilder("{\"points\": [");
        for (int i = from; i < from + n; i++) {
            body.append(i > from ? "," : "").append("{\"iteration\": ").append(i).append(", \"loss\": ")
                    .append(1.0 / (1 + i)).append('}');
        }
        return body.append("]}").toString();
    }

    private static int drawn(WebElement chart) {
        String value = chart.getDomAttribute("data-point-count");
        return value == null ? 0 : Integer.parseInt(value);
    }

    @Test
    void what_one_node_writes_another_node_serves_and_draws_live() throws Exception {
        Map<String, String> environment = new HashMap<>(TestDatabase.freshSchema().environment());
        environment.put("DESCENT_INGEST_TOKEN", INGEST);
        environment.put("DESCENT_ADMIN_TOKEN", ADMIN);
        PackagedApp.Server a = PackagedApp.Server.start(Files.createTempDirectory(Path.of("target"), "node-a-"), environment);
        PackagedApp.Server b = PackagedApp.Server.start(Files.createTempDirectory(Path.of("target"), "node-b-"), environment,
                "--descent.dev.auto-login=true");
        try (Browser browser = new Browser(b.port())) {
            HttpResponse<String> created = send("POST", a.url("/api/v1/runs"), "{\"project\": \"cluster\", \"name\": \"two-nodes\"}", INGEST);
            long run = Long.parseLong(created.body().replaceFirst("^\\{\"id\":(\\d+),.*$", "$1").trim());
            assertThat(send("POST", a.url("/api/v1/runs/" + run + "/points"), points(0, 10), INGEST).statusCode()).isEqualTo(200);

            browser.open("/runs/" + run);
            WebElement chart = browser.waitUntil(d -> d.findElements(By.tagName("loss-chart")).stream().findFirst()
                    .orElse(null), Duration.ofSeconds(30));
            browser.waitUntil(d -> drawn(chart) >= 10 ? true : null, Duration.ofSeconds(30));
            // The chart counts the points of every line it draws (the loss and its smoothed lines): per point, k.
            int k = drawn(chart) / 10;
            assertThat(drawn(chart)).isEqualTo(10 * k);

            // Ingested on A, drawn on B by push.
            assertThat(send("POST", a.url("/api/v1/runs/" + run + "/points"), points(10, 5), INGEST).statusCode()).isEqualTo(200);
            browser.waitUntil(d -> drawn(chart) == 15 * k ? true : null, Duration.ofSeconds(5));

            // Cleared on A: gone from B's API (its series cache) and from B's chart.
            assertThat(send("GET", b.url("/api/v1/runs/" + run + "/points?series=loss"), null, INGEST).body())
                    .contains("\"totalPoints\":15");
            assertThat(send("DELETE", a.url("/api/v1/runs/" + run + "/points"), null, ADMIN).statusCode()).isEqualTo(200);
            browser.waitUntil(d -> drawn(chart) == 0 ? true : null, Duration.ofSeconds(5));
            assertThat(send("GET", b.url("/api/v1/runs/" + run + "/points?series=loss"), null, INGEST).body())
                    .contains("\"totalPoints\":0");

            // B's listener killed: it reconnects, and the page catches up on what was sent meanwhile.
            Matcher node = NODE.matcher(b.log());
            assertThat(node.find()).as("B logs its node id").isTrue();
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                 ResultSet killed = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         + "WHERE application_name = 'descent-listener-" + node.group(1) + "'")) {
                assertThat(killed.next()).isTrue();
            }
            assertThat(send("POST", a.url("/api/v1/runs/" + run + "/points"), points(0, 20), INGEST).statusCode()).isEqualTo(200);
            browser.waitUntil(d -> drawn(chart) == 20 * k ? true : null, Duration.ofSeconds(20));
            browser.waitUntil(d -> b.log().contains("Listening to the other nodes again") ? true : null, Duration.ofSeconds(20));
            browser.screenshot("cluster-node-b");
        } finally {
            b.kill();
            a.kill();
        }
    }
}
