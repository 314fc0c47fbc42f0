package dev.descent.watchdog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard with the production defaults: no loopback, no private or link-local address, http(s) only. */
class UrlGuardTest {

    private final UrlGuard guard = new UrlGuard(false, Set.of());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/", "http://169.254.169.254/",
            "http://[fe80::1]/", "http://10.0.0.1/", "http://172.16.5.5/", "http://192.168.1.1/", "http://[fd00::1]/",
            "http://100.64.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://2130706433/"})
    void addresses_inside_the_servers_network_are_refused(String url) {
        assertThat(guard.refusal(url)).as(url).hasValueSatisfying(r -> assertThat(r).startsWith("url: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/", "gopher://example.com/", "javascript:alert(1)",
            "//example.com/hook", "http:///nohost"})
    void other_schemes_and_urls_without_a_host_are_refused(String url) {
        assertThat(guard.refusal(url)).as(url).isPresent();
    }

    @Test
    void public_addresses_pass_and_the_switches_open_exactly_what_they_name() {
        assertThat(guard.refusal("https://93.184.215.14/hook")).isEmpty();
        assertThat(guard.refusal("http://user:pw@93.184.215.14/")).hasValueSatisfying(r -> assertThat(r).contains("password"));

        UrlGuard loopback = new UrlGuard(true, Set.of());
        assertThat(loopback.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(loopback.refusal("http://169.254.169.254/")).as("loopback only, not the metadata service").isPresent();

        UrlGuard listed = new UrlGuard(false, Set.of("10.0.0.5"));
        assertThat(listed.refusal("http://10.0.0.5/hook")).isEmpty();
        assertThat(listed.refusal("http://10.0.0.6/hook")).isPresent();
    }
}
