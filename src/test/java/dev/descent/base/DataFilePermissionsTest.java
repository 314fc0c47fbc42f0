package dev.descent.base;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The database and everything beside it are private to the user running Descent (issue 11: it was 0644). */
@SpringBootTest
class DataFilePermissionsTest {

    @Value("${descent.data-dir}")
    String dataDir;

    @Test
    void the_data_directory_is_0700_and_the_database_file_0600() throws Exception {
        Path directory = Path.of(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        Path database = directory.resolve("descent.mv.db");
        assertThat(database).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }
}
