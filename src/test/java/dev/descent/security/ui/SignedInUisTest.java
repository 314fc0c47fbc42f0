package dev.descent.security.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import dev.descent.security.AccountsMayHaveChanged;
import dev.descent.security.Role;
import dev.descent.security.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages are known by who opened them; after a gap in what this node heard from the others (DD011), a user whose
 * account changed meanwhile has their pages ended, and one whose account did not keeps them.
 */
@SpringBootTest
@WithMockUser(username = "resync-user", roles = "ADMIN")
class SignedInUisTest extends SpringBrowserlessTest {

    @Autowired
    SignedInUis signedIn;
    @Autowired
    UserService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void after_a_gap_only_the_pages_of_a_changed_account_end() {
        users.create("resync-user", "resync-password-1", Role.ADMIN);
        signedIn.register("resync-user", com.vaadin.flow.component.UI.getCurrent());
        assertThat(signedIn.pagesOf("resync-user")).as("the open page is known by its user").isEqualTo(1);

        events.publishEvent(new AccountsMayHaveChanged());
        assertThat(signedIn.pagesOf("resync-user")).as("nothing changed: the page stays").isEqualTo(1);

        // Disabled on another node while this one was not listening: no UserChanged ever arrives here.
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", "resync-user");
        events.publishEvent(new AccountsMayHaveChanged());

        assertThat(signedIn.pagesOf("resync-user")).isZero();
    }

    @Test
    void a_page_opened_during_the_gap_does_not_hide_the_change_from_the_pages_before_it() {
        users.create("resync-user-2", "resync-password-2", Role.ADMIN);
        signedIn.register("resync-user-2", com.vaadin.flow.component.UI.getCurrent());
        // Re-roled on another node while this one was not listening; then the same session opens another tab here.
        jdbc.update("UPDATE app_user SET role = 'VIEWER' WHERE username = ?", "resync-user-2");
        signedIn.register("resync-user-2", new com.vaadin.flow.component.UI());
        assertThat(signedIn.pagesOf("resync-user-2")).isEqualTo(2);

        events.publishEvent(new AccountsMayHaveChanged());

        assertThat(signedIn.pagesOf("resync-user-2")).as("both ride the session opened under the old role").isZero();
    }
}
