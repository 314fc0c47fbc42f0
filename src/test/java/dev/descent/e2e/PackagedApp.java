package dev.descent.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged jar (built by {@code package} before the ITs run), started as its own Java process. */
final class PackagedApp {

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
                "-jar", jar.toString(), "--server.port=0", "--descent.data-dir=" + dataDir,
                "--descent.demo.enabled=false"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
