package dev.descent.cluster;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /health} over real HTTP, without signing in: status only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthApiTest {

    @LocalServerPort
    int port;

    @Test
    void health_answers_anyone_with_status_only_and_no_session() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(dev.descent.TestDatabase.postgresql()
                ? "{\"status\":\"UP\",\"database\":\"UP\",\"listener\":\"UP\"}"
                : "{\"status\":\"UP\",\"database\":\"UP\",\"listener\":\"NOT_USED\"}");
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session for a load balancer's probe").isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
