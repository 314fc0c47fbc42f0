package dev.descent.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures a user can fix get one clear sentence saying what and where. */
class StartupFailureTest {

    @Test
    void a_data_directory_that_cannot_be_created_is_named(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        MockEnvironment environment = new MockEnvironment().withProperty("descent.data-dir", blocker.resolve("data").toString());

        assertThatThrownBy(() -> new DataDirectory().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(DataDirectory.DataDirectoryException.class, e -> {
                    FailureAnalysis analysis = new DataDirectoryFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains(blocker.resolve("data").toString());
                });
    }

    @Test
    void a_relative_data_directory_becomes_absolute_and_is_created(@TempDir Path dir) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("descent.data-dir", dir.resolve("a/../b/data").toString());

        new DataDirectory().postProcessEnvironment(environment, new SpringApplication());

        Path resolved = Path.of(environment.getProperty("descent.data-dir"));
        assertThat(resolved).isAbsolute().isEqualTo(dir.resolve("b/data")).isDirectory();
    }
}
