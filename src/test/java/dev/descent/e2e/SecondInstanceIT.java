package dev.descent.e2e;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second Descent on the same data directory stops with one clear sentence, not a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondInstanceIT {

    @Value("${descent.data-dir}")
    Path dataDir;

    @Test
    void a_second_process_on_the_same_database_exits_with_a_clear_message() throws Exception {
        Process second = PackagedApp.command(dataDir).start();
        byte[] output = second.getInputStream().readAllBytes();
        assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String log = new String(output, StandardCharsets.UTF_8);

        assertThat(second.exitValue()).as(log).isNotZero();
        assertThat(log).contains("Descent's database is already in use by another process")
                .contains(dataDir.resolve("descent.mv.db").toString())
                .contains("DESCENT_DATA_DIR")
                .doesNotContain("\tat org.h2");
    }
}
