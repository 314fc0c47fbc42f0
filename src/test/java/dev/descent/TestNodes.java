package dev.descent;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Descent nodes started by a test as whole applications, on a shared PostgreSQL schema, signed in as an admin. */
public final class TestNodes {

    private TestNodes() {
    }

    /** A node on {@code schema} (made by the test, shared with its other nodes) with these extra arguments. */
    public static ConfigurableApplicationContext start(TestDatabase.Schema schema, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--" + TestDatabase.SHARED_SCHEMA + "=" + schema.name(), "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + TestDatabase.user(), "--spring.datasource.password=" + TestDatabase.password(),
                "--descent.data-dir=" + tempDir(), "--server.port=0"));
        all.addAll(List.of(arguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(all.toArray(String[]::new));
        signInAsAdmin();
        return context;
    }

    /**
     * The calling thread acts as an admin. Called after every start: Vaadin installs its own security context holder
     * strategy while starting.
     */
    public static void signInAsAdmin() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of("target"), "node-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
