package dev.descent.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

/** First start without DESCENT_INGEST_TOKEN: a token is created, logged once and saved for the local user. */
@SpringBootTest(properties = {"descent.ingest-token=", "descent.admin-token="})
@ExtendWith(OutputCaptureExtension.class)
class TokenBootstrapTest {

    @Autowired
    TokenService tokens;
    @Value("${descent.data-dir}")
    Path dataDir;

    @Test
    void the_first_start_creates_an_ingest_token_readable_only_by_its_owner() throws Exception {
        Path file = dataDir.resolve(TokenBootstrap.TOKEN_FILE);
        String token = Files.readString(file).strip();

        assertThat(token).startsWith("dsc_").hasSizeGreaterThan(40);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(tokens.authenticate(token)).get().extracting(TokenPrincipal::scope).isEqualTo(TokenScope.INGEST);
        assertThat(tokens.authenticate(token + "x")).isEmpty();
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
    void tokens_are_stored_only_as_hashes_and_can_be_revoked() {
        IssuedToken issued = tokens.issue("ci", TokenScope.ADMIN);

        assertThat(TokenService.hash(issued.secret())).hasSize(64).doesNotContain(issued.secret());
        assertThat(tokens.authenticate(issued.secret())).isPresent();
        tokens.revoke(issued.id());
        assertThat(tokens.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void the_log_says_ingest_token_once(CapturedOutput output) {
        // The context (and its log) started before this test; the capture sees what this JVM printed.
        assertThat(output.getAll()).containsOnlyOnce("Descent ingest token");
    }
}
