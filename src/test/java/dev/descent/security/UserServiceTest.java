package dev.descent.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

import java.time.Instant;

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

    @Test
    void five_wrong_passwords_in_a_row_lock_an_account_for_five_minutes() {
        UserEntity user = new UserEntity("locky", "{noop}x", Role.VIEWER, Instant.EPOCH);
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        for (int i = 0; i < 4; i++) {
            user.recordFailedLogin(now);
        }
        assertThat(user.lockedAt(now)).isFalse();
        user.recordFailedLogin(now);
        assertThat(user.lockedAt(now.plusSeconds(299))).isTrue();
        assertThat(user.lockedAt(now.plusSeconds(301))).isFalse();
    }
}
