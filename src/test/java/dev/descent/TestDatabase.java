package dev.descent;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database tests run against. H2 by default (a fresh file per Spring context, see config/application.properties);
 * with {@code -Ddescent.test.database=postgresql} (the {@code postgresql} test execution of the build), PostgreSQL:
 * every Spring context, migration test and packaged jar gets its own fresh schema, as every H2 context gets its own
 * file. The connection comes from {@code DESCENT_TEST_PG_URL}, {@code DESCENT_TEST_PG_USER} and
 * {@code DESCENT_TEST_PG_PASSWORD} (defaults: {@value #DEFAULT_URL}, descent, descent); when nothing answers the
 * tests fail, saying how to start one.
 */
public final class TestDatabase implements EnvironmentPostProcessor, Ordered {

    /** Set by a test that starts several nodes on one schema it made itself (the property names the schema). */
    public static final String SHARED_SCHEMA = "descent.test.shared-schema";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/descent_test";
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("descent.test.database", "h2"));
    }

    public static String url() {
        return env("DESCENT_TEST_PG_URL", DEFAULT_URL);
    }

    public static String user() {
        return env("DESCENT_TEST_PG_USER", "descent");
    }

    public static String password() {
        return env("DESCENT_TEST_PG_PASSWORD", "descent");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A new, empty schema on the test PostgreSQL; the JDBC URL that uses it. */
    public static Schema freshSchema() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (SWEPT.compareAndSet(false, true)) {
                // Schemas of earlier builds (one build at a time per test database).
                List<String> old = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%' AND length(nspname) = 34")) {
                    while (rs.next()) {
                        old.add(rs.getString(1));
                    }
                }
                for (String schema : old) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new Schema(name, url);
    }

    public record Schema(String name, String url) {
        /** The variables that point the packaged jar at this schema (Spring's standard ones). */
        public Map<String, String> environment() {
            return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", user(),
                    "SPRING_DATASOURCE_PASSWORD", password());
        }
    }

    public static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url(), user(), password());
        } catch (SQLException unreachable) {
            throw new SQLException("""
                    The PostgreSQL tests need a PostgreSQL at %s (user %s): %s
                    Start one as .ci/run does, e.g. on Debian:
                      sudo apt-get install -y postgresql && sudo pg_ctlcluster $(ls /etc/postgresql) main start
                      sudo -u postgres psql -c "CREATE ROLE descent LOGIN PASSWORD 'descent'" \\
                                            -c "CREATE DATABASE descent_test OWNER descent"
                    or point DESCENT_TEST_PG_URL, DESCENT_TEST_PG_USER and DESCENT_TEST_PG_PASSWORD at one."""
                    .formatted(url(), user(), unreachable.getMessage()), unreachable);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!postgresql() || environment.containsProperty(SHARED_SCHEMA)) {
            return;
        }
        Schema schema = freshSchema();
        environment.getPropertySources().addFirst(new MapPropertySource("descent-test-postgresql", Map.of(
                "spring.datasource.url", schema.url(),
                "spring.datasource.username", user(),
                "spring.datasource.password", password())));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
