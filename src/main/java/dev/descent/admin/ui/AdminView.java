package dev.descent.admin.ui;

import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.descent.watchdog.Webhooks;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.descent.admin.AuditLog;
import dev.descent.run.RunService;
import dev.descent.security.TokenService;
import dev.descent.security.UserService;
import jakarta.annotation.security.RolesAllowed;

/**
 * Run histories, users, API tokens, webhooks and the audit log, one tab each. Admins only (the services check it too,
 * and audit every change themselves).
 */
@RolesAllowed("ADMIN")
@Route("admin")
@PageTitle("Admin · Descent")
class AdminView extends VerticalLayout {

    final HistoriesTab histories;
    final UsersTab users;
    final TokensTab tokens;
    final AuditTab audit;
    final WebhooksTab webhooks;

    AdminView(UserService userService, TokenService tokenService, RunService runs, AuditLog auditLog,
              Webhooks webhookService, AuthenticationContext auth) {
        histories = new HistoriesTab(runs, this::refresh);
        users = new UsersTab(userService, this::refresh);
        tokens = new TokensTab(tokenService, this::refresh);
        audit = new AuditTab(auditLog);
        webhooks = new WebhooksTab(webhookService, this::refresh, auth.getPrincipalName().orElse("admin"));
        setSizeFull();
        TabSheet tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.add("Histories", histories);
        tabs.add("Users", users);
        tabs.add("Tokens", tokens);
        tabs.add("Webhooks", webhooks);
        tabs.add("Audit log", audit);
        add(new H2("Admin"), tabs);
        refresh();
    }

    /** After any change: every tab shows the current state (a deletion also shows in the audit log). */
    void refresh() {
        histories.refresh();
        users.refresh();
        tokens.refresh();
        webhooks.refresh();
        audit.refresh();
    }
}
