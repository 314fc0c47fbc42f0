package dev.descent.admin.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.descent.admin.AuditEntry;
import dev.descent.admin.AuditLog;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class AdminViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;
    @Autowired
    AuditLog audit;
    @Autowired
    dev.descent.security.UserService users;
    @Autowired
    dev.descent.security.TokenService tokens;

    private List<String> navigation() {
        return $(SideNav.class).single().getItems().stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_sees_neither_the_admin_entry_nor_the_admin_view() {
        UI.getCurrent().navigate("");
        assertThat(navigation()).containsExactly("Runs", "Compare", "Alerts");

        UI.getCurrent().navigate("admin");
        assertThat(getCurrentView()).isNotInstanceOf(AdminView.class);
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_sees_the_admin_entry_and_view() {
        UI.getCurrent().navigate("");
        assertThat(navigation()).containsExactly("Runs", "Compare", "Alerts", "Admin");

        UI.getCurrent().navigate("admin");
        assertThat(getCurrentView()).isInstanceOf(AdminView.class);
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void clearing_a_history_states_the_count_and_is_audited() {
        long id = runs.createOrResume("audited", "to-clear", Map.of(), List.of()).run().id();
        runs.append(id, List.of(new NewPoint("loss", 0, null, 1, 0), new NewPoint("loss", 1, null, 0.5, 0),
                new NewPoint("val_loss", 1, null, 0.7, 0)));
        UI.getCurrent().navigate("admin");
        AdminView view = (AdminView) getCurrentView();
        RunSummary run = runs.get(id);

        view.histories.confirmClear(run);
        ConfirmDialog dialog = $(ConfirmDialog.class).last();
        assertThat(test(dialog).getText()).contains("This deletes 3 points of run to-clear (project audited)");
        test(dialog).confirm();

        assertThat(runs.get(id).pointCount()).isZero();
        AuditEntry entry = audit.recent(1).getFirst();
        assertThat(entry.actor()).isEqualTo("ada");
        assertThat(entry.action()).isEqualTo("clear history");
        assertThat(entry.target()).contains("to-clear");
        assertThat(entry.points()).isEqualTo(3);
        assertThat(view.audit.audit.getGenericDataView().getItems().toList()).first().isEqualTo(entry);
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void clearing_a_project_and_deleting_a_run_state_their_counts() {
        long a = runs.createOrResume("proj-x", "a", Map.of(), List.of()).run().id();
        long b = runs.createOrResume("proj-x", "b", Map.of(), List.of()).run().id();
        runs.append(a, List.of(new NewPoint("loss", 0, null, 1, 0)));
        runs.append(b, List.of(new NewPoint("loss", 0, null, 1, 0), new NewPoint("loss", 1, null, 1, 0)));
        UI.getCurrent().navigate("admin");
        AdminView view = (AdminView) getCurrentView();

        view.histories.project.setValue("proj-x");
        view.histories.confirmClearProject();
        ConfirmDialog clear = $(ConfirmDialog.class).last();
        assertThat(test(clear).getText()).contains("3 points of 2 runs in project proj-x");
        test(clear).confirm();
        assertThat(runs.get(a).pointCount() + runs.get(b).pointCount()).isZero();

        view.histories.confirmDelete(runs.get(b));
        ConfirmDialog delete = $(ConfirmDialog.class).last();
        assertThat(test(delete).getText()).contains("deletes run b (project proj-x) and its 0 points");
        test(delete).confirm();
        assertThat(runs.find(b)).isEmpty();
        assertThat(audit.recent(1).getFirst().action()).isEqualTo("delete run");
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_creates_a_webhook_sees_its_secret_once_and_a_refused_url_says_why() {
        AdminView view = navigate(AdminView.class);
        var tabs = $(com.vaadin.flow.component.tabs.TabSheet.class).single();
        tabs.setSelectedIndex(3);
        assertThat(tabs.getSelectedTab().getLabel()).isEqualTo("Webhooks");
        roundTrip();
        WebhooksTab tab = view.webhooks;

        test(tab.url).setValue("http://169.254.169.254/latest/meta-data/");
        test(tab.create).click();
        assertThat(tab.url.isInvalid()).isTrue();
        assertThat(tab.url.getErrorMessage()).startsWith("url: ").contains("link-local");

        test(tab.url).setValue("https://93.184.215.14/hooks/descent");
        test(tab.project).setValue("vision");
        test(tab.create).click();

        var secret = $(com.vaadin.flow.component.textfield.TextField.class).withClassName("webhook-secret").single();
        assertThat(secret.getValue()).startsWith("whsec_");
        assertThat(test(tab.webhooks).size()).isEqualTo(1);
        assertThat(test(tab.webhooks).getCellText(0, 0)).isEqualTo("https://93.184.215.14/hooks/descent");
        assertThat(test(tab.webhooks).getCellText(0, 1)).isEqualTo("vision");
        assertThat(test(tab.webhooks).getCellText(0, 2)).isEqualTo("diverged, plateau, stalled, finished, failed");
        assertThat(audit.recent(1).getFirst().action()).isEqualTo("create webhook");
        assertThat(audit.recent(1).getFirst().target()).doesNotContain(secret.getValue());
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void account_and_token_changes_are_audited_by_the_services_whoever_calls_them() {
        // Called as a script would: no view involved. Before, only the admin view wrote these records.
        var bob = users.create("bob-audited", "a-long-password", dev.descent.security.Role.VIEWER);
        users.changeRole(bob.id(), dev.descent.security.Role.ADMIN);
        users.setEnabled(bob.id(), false);
        users.resetPassword(bob.id(), "another-long-password");
        var token = tokens.create("ci-audited", dev.descent.security.TokenScope.INGEST);
        tokens.revoke(tokens.list().stream().filter(t -> t.name().equals(token.name())).findFirst().orElseThrow().id());

        List<AuditEntry> recent = audit.recent(6).reversed();
        assertThat(recent).extracting(AuditEntry::action).containsExactly("create user", "change role",
                "disable user", "reset password", "create token", "revoke token");
        assertThat(recent).allSatisfy(e -> assertThat(e.actor()).isEqualTo("ada"));
        assertThat(recent.get(1).target()).isEqualTo("user bob-audited to ADMIN");
        assertThat(recent.get(5).target()).isEqualTo("token ci-audited");
        assertThat(recent.get(4).target()).doesNotContain(token.secret());
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_does_not_get_the_clear_history_button_in_the_monitor() {
        long id = runs.createOrResume("audited", "watched", Map.of(), List.of()).run().id();
        UI.getCurrent().navigate("runs/" + id);

        assertThat(visibleClearHistoryButtons()).as("a viewer sees no 'Clear history'").isZero();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_gets_the_clear_history_button_in_the_monitor() {
        // The other half of the viewer test: without it, a button renamed or never shown would pass that one.
        long id = runs.createOrResume("audited", "watched-by-admin", Map.of(), List.of()).run().id();
        UI.getCurrent().navigate("runs/" + id);

        assertThat(visibleClearHistoryButtons()).isEqualTo(1);
    }

    private long visibleClearHistoryButtons() {
        return $(com.vaadin.flow.component.button.Button.class).all().stream()
                .filter(b -> "Clear history".equals(b.getText()) && b.isVisible()).count();
    }
}
