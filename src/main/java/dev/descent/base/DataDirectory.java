package dev.descent.base;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Resolves {@code descent.data-dir} once, to an absolute path, and creates the directory before anything
 * opens a file in it. H2 refuses relative paths, and a value like {@code ${random.uuid}} must not change
 * between the places that read it.
 * <p>
 * The directory is made private to the user running Descent (0700, where the file system has POSIX
 * permissions): it holds the database, whose files H2 creates with the process umask (often 0644), and the
 * ingest token. {@link DataFilePermissions} then narrows the files themselves to 0600.
 */
class DataDirectory implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "descent.data-dir";
    /** Late, after the config files are read; {@link H2StartupCompaction} runs right after. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "./data");
        Path directory = Path.of(configured).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            ownerOnly(directory, "rwx------");
        } catch (IOException | SecurityException e) {
            throw new DataDirectoryException(directory, e);
        }
        if (!Files.isWritable(directory)) {
            throw new DataDirectoryException(directory, null);
        }
        environment.getPropertySources().addFirst(
                new MapPropertySource("descentDataDirectory", Map.of(PROPERTY, directory.toString())));
    }

    /** Narrows a file's permissions if this process owns it and the file system knows POSIX permissions. */
    static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            if (Files.getOwner(path).getName().equals(System.getProperty("user.name"))) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: access is governed by the directory's ACL instead.
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    static class DataDirectoryException extends RuntimeException {
        final Path directory;

        DataDirectoryException(Path directory, @org.jspecify.annotations.Nullable Throwable cause) {
            super("data directory " + directory + " cannot be created or written", cause);
            this.directory = directory;
        }
    }
}
