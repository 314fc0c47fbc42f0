package dev.descent.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes sure a local training script can write from the first start: tokens given in the environment are
 * registered; with none given and none stored, one ingest token is created, logged once and written to
 * {@code <data dir>/ingest-token} readable only by this user. This happens before the web server starts
 * listening, so a job started together with the server is not refused its token.
 */
@Component
class TokenBootstrap implements SmartInitializingSingleton {

    static final String TOKEN_FILE = "ingest-token";
    private static final Logger log = LoggerFactory.getLogger(TokenBootstrap.class);

    private final TokenService tokens;
    private final Path dataDir;
    private final String ingestToken;
    private final String adminToken;

    TokenBootstrap(TokenService tokens, @Value("${descent.data-dir}") Path dataDir,
                   @Value("${descent.ingest-token:}") String ingestToken,
                   @Value("${descent.admin-token:}") String adminToken) {
        this.tokens = tokens;
        this.dataDir = dataDir;
        this.ingestToken = ingestToken.strip();
        this.adminToken = adminToken.strip();
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            registerTokens();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void registerTokens() throws IOException {
        boolean hadTokens = tokens.anyActive();
        if (!ingestToken.isEmpty()) {
            tokens.register("DESCENT_INGEST_TOKEN", TokenScope.INGEST, ingestToken);
        }
        if (!adminToken.isEmpty()) {
            tokens.register("DESCENT_ADMIN_TOKEN", TokenScope.ADMIN, adminToken);
        }
        if (!hadTokens && ingestToken.isEmpty()) {
            IssuedToken issued = tokens.issue("local ingest token", TokenScope.INGEST);
            Path file = dataDir.resolve(TOKEN_FILE);
            writeOwnerOnly(file, issued.secret() + "\n");
            log.info("Descent ingest token (shown once, also saved to {}): {}", file, issued.secret());
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
