package dev.descent.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class UserServiceTest {

    @Autowired
    UserService users;
    @Autowired
    DescentUserDetails details;
    @Autowired
    PasswordEncoder passwords;

    @Test
    @WithMockUser(username = "root", roles = "ADMIN")
    void the_first_admin_can_be_created_only_once_and_passwords_are_hashed() {
        if (!users.anyUser()) {
            users.createFirstAdmin("first-admin", "a-long-password");
        }
        assertThatThrownBy(() -> users.createFirstAdmin("second", "another-long-password"))
                .isInstanceOf(IllegalStateException.class);

        UserSummary viewer = users.create("watcher", "watcher-password", Role.VIEWER);
        var loaded = details.loadUserByUsername("watcher");
        assertThat(loaded.getPassword()).startsWith("{bcrypt}").doesNotContain("watcher-password");
        assertThat(passwords.matches("watcher-password", loaded.getPassword())).isTrue();
        assertThat(loaded.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");

        users.setEnabled(viewer.id(), false);
        assertThat(details.loadUserByUsername("watcher").isEnabled()).isFalse();
        assertThatThrownBy(() -> users.create("shorty", "short", Role.VIEWER))
                .hasMessageContaining("at least 10 characters");
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_cannot_manage_users_or_tokens() {
        assertThatThrownBy(() -> users.create("x-user", "x-long-password", Role.ADMIN))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.list()).isInstanceOf(AccessDeniedException.class);
    }

    @Autowired
    LoginAttempts attempts;
    @Autowired
    UserRepository repository;
    @Autowired
    dev.descent.admin.AuditLog audit;

    @Test
    @WithMockUser(username = "root", roles = "ADMIN")
    void parallel_wrong_passwords_are_all_counted_lock_the_account_and_are_audited() throws Exception {
        users.create("racer", "racer-password", Role.VIEWER);
        int failures = 28;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < failures; i++) {
            String client = "10.0.0." + i; // one client each, so no client back-off interferes
            done.add(pool.submit(() -> {
                start.await();
                attempts.failed(failure("racer", client));
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(); // no optimistic-locking failure, no lost update
        }
        pool.shutdown();

        UserEntity user = repository.findByUsername("racer").orElseThrow();
        assertThat(user.failedLogins()).as("28 failures: locked 5 times, 3 counted since").isEqualTo(failures % 5);
        assertThat(user.lockedAt(Instant.now())).isTrue();
        assertThat(details.loadUserByUsername("racer").isAccountNonLocked()).isFalse();
        assertThat(audit.recent(100)).filteredOn(e -> e.action().equals("account locked"))
                .anyMatch(e -> e.target().contains("user racer"));
    }

    @Test
    @WithMockUser(username = "root", roles = "ADMIN")
    void one_client_failing_again_and_again_is_backed_off_and_audited() {
        String client = "192.0.2.77";
        for (int i = 0; i < LoginAttempts.FREE_FAILURES_PER_CLIENT; i++) {
            assertThat(attempts.waitFor(client)).isEmpty();
            attempts.failedForClient(failure("nobody-" + i, client));
        }
        attempts.failedForClient(failure("nobody-else", client));
        assertThat(attempts.waitFor(client)).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(1L, 1_000L));
        attempts.failedForClient(failure("nobody-else", client));
        assertThat(attempts.waitFor(client)).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(1_001L, 2_000L));
        assertThat(attempts.waitFor("192.0.2.78")).as("other clients are not affected").isEmpty();
        assertThat(audit.recent(100)).filteredOn(e -> e.action().equals("sign-in throttled"))
                .anyMatch(e -> e.actor().equals(client));
    }

    private static org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent failure(
            String username, String client) {
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(client);
        var attempt = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .unauthenticated(username, "wrong");
        attempt.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(request));
        return new org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent(attempt,
                new org.springframework.security.authentication.BadCredentialsException("wrong"));
    }
}
