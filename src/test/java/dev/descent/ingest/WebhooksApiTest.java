package dev.descent.ingest;

import dev.descent.watchdog.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/v1/webhooks} and {@code /api/v1/incidents} over real HTTP: admin scope only, every bad field named, the
 * secret shown once, and a NaN sent by a training job arriving at a real receiver, signed, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "descent.webhooks.allow-loopback=true", "descent.webhooks.poll-interval=100ms"})
class WebhooksApiTest {

    @LocalServerPort
    int port;
    ApiClient api;
    final Receiver receiver = new Receiver();
    final String project = "hooks-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private ApiClient.Response create(String body) {
        return api.send("POST", "/api/v1/webhooks", body, ApiClient.ADMIN);
    }

    @Test
    void an_admin_creates_a_webhook_sees_its_secret_once_and_a_diverging_job_reaches_it() throws Exception {
        var created = create("{\"url\": \"" + receiver.url() + "\", \"project\": \"" + project
                + "\", \"events\": [\"diverged\", \"stalled\"]}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String secret = created.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSize(6 + 64);
        assertThat(created.json().get("events").toString()).isEqualTo("[\"diverged\",\"stalled\"]");

        var listed = api.send("GET", "/api/v1/webhooks", null, ApiClient.ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(receiver.url()).doesNotContain(secret);

        var run = api.post("/api/v1/runs", "{\"project\": \"" + project + "\", \"name\": \"<b>nan</b>\"}");
        long runId = run.json().get("id").asLong();
        assertThat(api.post("/api/v1/runs/" + runId + "/points",
                "{\"points\": [{\"iteration\": 0, \"loss\": 2.0}, {\"iteration\": 1, \"loss\": NaN}]}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1);
        Receiver.Request got = receiver.requests().getFirst();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(got.signature()).as("a receiver can check the body with the secret it was given")
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(got.body().getBytes(StandardCharsets.UTF_8))));
        JsonNode body = ApiClient.JSON.readTree(got.body());
        assertThat(body.get("text").asString()).as("a name with markup is escaped for Slack")
                .contains("&lt;b&gt;nan&lt;/b&gt;").doesNotContain("<b>");

        var incidents = api.get("/api/v1/incidents?runId=" + runId);
        assertThat(incidents.status()).isEqualTo(200);
        assertThat(incidents.json()).hasSize(1);
        assertThat(incidents.json().get(0).get("event").asString()).isEqualTo("diverged");
        assertThat(incidents.json().get(0).get("iteration").asLong()).isEqualTo(1);
        assertThat(incidents.json().get(0).get("value").asDouble()).isNaN();
        assertThat(incidents.json().get(0).get("text").asString()).contains("<b>nan</b>");

        await().atMost(Duration.ofSeconds(10)).until(() -> api.send("GET", "/api/v1/webhooks/" + id + "/deliveries",
                null, ApiClient.ADMIN).json().get(0).get("state").asString().equals("DELIVERED"));
        assertThat(api.send("DELETE", "/api/v1/webhooks/" + id, null, ApiClient.ADMIN).status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/api/v1/webhooks/" + id, null, ApiClient.ADMIN).status()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/webhooks", null, ApiClient.ADMIN).body()).doesNotContain(receiver.url());
    }

    @Test
    void an_ingest_token_may_neither_create_nor_list_webhooks() {
        var post = api.send("POST", "/api/v1/webhooks", "{\"url\": \"" + receiver.url() + "\"}", ApiClient.INGEST);
        var get = api.send("GET", "/api/v1/webhooks", null, ApiClient.INGEST);
        var anonymous = api.send("GET", "/api/v1/webhooks", null, null);

        assertThat(post.status()).isEqualTo(403);
        assertThat(post.detail()).contains("needs scope ADMIN");
        assertThat(get.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void bad_webhooks_are_a_400_naming_the_field_and_the_rule() {
        assertThat(create("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}").detail())
                .startsWith("url: ").contains("link-local");
        assertThat(create("{\"url\": \"file:///etc/passwd\"}").detail()).startsWith("url: must be an http or https URL");
        assertThat(create("{\"url\": \"http://10.0.0.7/hook\"}").detail()).contains("private");
        assertThat(create("{\"url\": \"http://[::ffff:169.254.169.254]/\"}").detail()).contains("link-local");
        assertThat(create("{}").detail()).startsWith("url: required");
        assertThat(create("{\"url\": \"" + receiver.url() + "\", \"events\": [\"explode\"]}").detail())
                .startsWith("events: unknown event 'explode'");
        assertThat(create("{\"url\": \"" + receiver.url() + "\", \"events\": \"diverged\"}").detail())
                .startsWith("events: must be a non-empty array");
        assertThat(create("{\"url\": \"" + receiver.url() + "\", \"secret\": \"mine\"}").detail())
                .startsWith("secret: unknown field");
        assertThat(create("{\"url\": \"" + receiver.url() + "\", \"project\": 5}").detail())
                .startsWith("project: must be a string");
        assertThat(create("[1]").status()).isEqualTo(400);
        assertThat(api.send("GET", "/api/v1/webhooks", null, ApiClient.ADMIN).body())
                .as("nothing refused was stored").doesNotContain("169.254").doesNotContain("10.0.0.7");
        assertThat(api.get("/api/v1/incidents?limit=0").detail()).startsWith("limit: must be an integer from 1 to 1000");
        assertThat(api.get("/api/v1/incidents?runId=999999999").status()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/webhooks/999999/deliveries", null, ApiClient.ADMIN).status()).isEqualTo(404);
    }
}
