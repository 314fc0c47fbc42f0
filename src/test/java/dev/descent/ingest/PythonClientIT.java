package dev.descent.ingest;

import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Python client, run as a real python3 process: its own unit tests, then against this real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PythonClientIT {

    static final Path CLIENT = Path.of("clients", "python");

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;

    @Test
    void the_python_clients_unit_tests_pass() throws Exception {
        Result result = python(List.of("-m", "unittest", "discover", "-s", "tests", "-v"), "");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK");
    }

    @Test
    void every_point_sent_by_the_real_client_arrives_exactly_once() throws Exception {
        int steps = 3_500;
        Result result = python(List.of("tests/send_points.py", "exactly-once", Integer.toString(steps)),
                "http://localhost:" + port);

        assertThat(result.exitCode()).as(result.output()).isZero();
        RunSummary run = runs.list("python-client", null).stream()
                .filter(r -> r.name().equals("exactly-once")).findFirst().orElseThrow();
        SeriesData loss = runs.readSeries(run.id(), "loss");
        assertThat(loss.iterations()).containsExactly(LongStream.range(0, steps).toArray());
        assertThat(loss.values()[steps - 1]).as("NaN arrives as NaN").isNaN();
        assertThat(loss.epochs()[350]).isEqualTo(3.5);
        assertThat(runs.readSeries(run.id(), "val_loss").size()).isEqualTo(steps / 10);
        assertThat(run.pointCount()).isEqualTo(steps + steps / 10);
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.params()).containsEntry("lr", 0.001);
    }

    record Result(int exitCode, String output) {
    }

    private static Result python(List<String> args, String url) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add(System.getenv().getOrDefault("PYTHON", "python3"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true);
        builder.environment().put("DESCENT_URL", url);
        builder.environment().put("DESCENT_TOKEN", ApiClient.INGEST);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("python did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
