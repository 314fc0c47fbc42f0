package dev.descent.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged jar (built by {@code package} before the ITs run), started as its own Java process. */
final class PackagedApp {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private PackagedApp() {
    }

    /** A process on a random port with the given data directory and no demo data; more arguments may follow. */
    static ProcessBuilder command(Path dataDir, String... arguments) throws IOException {
        Path jar;
        try (var jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("descent-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/descent-*.jar: run mvn verify"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--descent.data-dir=" + dataDir, "--descent.demo.enabled=false"));
        if (java.util.Arrays.stream(arguments).noneMatch(a -> a.startsWith("--server.port="))) {
            command.add("--server.port=0"); // a random port, unless the test needs the same one twice
        }
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** The packaged application in its own process, so that it can be killed like a real server. */
    record Server(Process process, int port, StringBuilder output) {

        static Server start(Path dataDir, Map<String, String> environment, String... arguments) throws Exception {
            ProcessBuilder builder = PackagedApp.command(dataDir, arguments);
            builder.environment().putAll(environment);
            Process process = builder.start();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            StringBuilder log = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        Matcher started = STARTED.matcher(line);
                        if (started.find()) {
                            port.complete(Integer.parseInt(started.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // The process was killed.
                }
                port.completeExceptionally(new IllegalStateException("Descent exited before listening:\n" + log));
            }, "descent-process-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Server(process, port.get(2, TimeUnit.MINUTES), log);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** Everything the process printed so far. */
        String log() {
            synchronized (output) {
                return output.toString();
            }
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
    }
}
