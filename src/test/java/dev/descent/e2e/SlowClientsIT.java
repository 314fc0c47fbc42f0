package dev.descent.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients cannot freeze the server (issue 11): a few hundred connections that trickle a request body
 * without a token, and a hundred more that never finish their headers, while sign-in and ingest must still
 * answer promptly. Before the fix, the refused bodies were drained on worker threads, and 300 such clients held
 * all 200 of them: sign-in and ingest waited for as long as the attack lasted.
 */
class SlowClientsIT {

    private static final String TOKEN = "slow-clients-test-token";
    private static final int TRICKLING_BODIES = 300;
    private static final int UNFINISHED_HEADERS = 100;

    @TempDir
    Path dataDir;

    @Test
    void sign_in_and_ingest_answer_while_hundreds_of_slow_clients_are_connected() throws Exception {
        PackagedApp.Server server = PackagedApp.Server.start(dataDir, Map.of("DESCENT_INGEST_TOKEN", TOKEN,
                "DESCENT_ADMIN_USER", "alice", "DESCENT_ADMIN_PASSWORD", "a-long-enough-password"));
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < TRICKLING_BODIES; i++) {
                Socket socket = connect(server.port());
                write(socket, "POST /api/v1/runs/1/points HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n");
                attackers.add(socket);
            }
            for (int i = 0; i < UNFINISHED_HEADERS; i++) {
                Socket socket = connect(server.port());
                write(socket, "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
                attackers.add(socket);
            }
            // Keep every attacker alive: one more byte each, as the attack in the issue did every 5 s.
            for (Socket socket : attackers.subList(0, TRICKLING_BODIES)) {
                write(socket, "1\r\n \r\n");
            }

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long started = System.nanoTime();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(server.url("/login")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/runs")))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"project\": \"p\", \"name\": \"during-attack\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(tookMillis).as("sign-in page and ingest under attack, ms").isLessThan(5_000);

            // Every refused body was answered with 401 and its connection closed, not drained.
            for (Socket socket : attackers.subList(0, TRICKLING_BODIES)) {
                String answer = readUntilClosed(socket);
                assertThat(answer).startsWith("HTTP/1.1 401");
            }
        } finally {
            for (Socket socket : attackers) {
                socket.close();
            }
            server.kill();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What the server sent before closing the connection; fails if it keeps it open for 15 s. */
    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a refused connection open, draining its body", e);
        }
    }
}
