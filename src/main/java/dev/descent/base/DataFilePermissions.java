package dev.descent.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Once the database is open (Flyway has run, so its files exist), every regular file in the data directory is
 * made readable by its owner only (0600): H2 created {@code descent.mv.db} world-readable (issue 11), while the
 * ingest token next to it was already 0600.
 */
@Component
class DataFilePermissions {

    private static final Logger log = LoggerFactory.getLogger(DataFilePermissions.class);

    private final Path directory;

    DataFilePermissions(@Value("${" + DataDirectory.PROPERTY + "}") String directory) {
        this.directory = Path.of(directory);
    }

    @EventListener(ApplicationStartedEvent.class)
    void narrow() {
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                DataDirectory.ownerOnly(file, "rw-------");
            }
        } catch (IOException e) {
            log.warn("Could not make the files in {} private to their owner: {}", directory, e.getMessage());
        }
    }
}
