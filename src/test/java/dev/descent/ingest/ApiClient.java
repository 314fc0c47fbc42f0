package dev.descent.ingest;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for API tests: real requests to the real server, tokens as a job would send them. */
record ApiClient(int port, HttpClient http) {

    static final String INGEST = "test-ingest-token";
    static final String ADMIN = "test-admin-token";
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    ApiClient(int port) {
        this(port, HttpClient.newHttpClient());
    }

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    Response send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads need a token (any scope) or a signed-in session. */
    Response get(String path) {
        return send("GET", path, null, INGEST);
    }

    Response post(String path, String body) {
        return send("POST", path, body, INGEST);
    }

    long createRun(String name) {
        Response r = post("/api/v1/runs", "{\"project\": \"api-test\", \"name\": \"" + name + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("create run: " + r);
        }
        return r.json().get("id").asLong();
    }
}
