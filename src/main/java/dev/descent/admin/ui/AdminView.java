package dev.descent.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.descent.admin.AuditEntry;
import dev.descent.admin.AuditLog;
import dev.descent.base.ui.Formats;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.security.IssuedToken;
import dev.descent.security.Role;
import dev.descent.security.TokenScope;
import dev.descent.security.TokenService;
import dev.descent.security.TokenSummary;
import dev.descent.security.UserService;
import dev.descent.security.UserSummary;
import jakarta.annotation.security.RolesAllowed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Users, API tokens, run histories and the audit log. Admins only (the services check it too). */
@RolesAllowed("ADMIN")
@Route("admin")
@PageTitle("Admin · Descent")
class AdminView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    final Grid<UserSummary> users = new Grid<>();
    final TextField newUsername = new TextField("User name");
    final PasswordField newPassword = new PasswordField("Password");
    final Select<Role> newRole = new Select<>();
    final Button createUser = new Button("Create user");

    final Grid<TokenSummary> tokens = new Grid<>();
    final TextField tokenName = new TextField("Token name");
    final Select<TokenScope> tokenScope = new Select<>();
    final Button createToken = new Button("Create token");

    final Grid<RunSummary> histories = new Grid<>();
    final ComboBox<String> project = new ComboBox<>("Project");
    final Button clearProject = new Button("Clear all histories of project");

    final Grid<AuditEntry> audit = new Grid<>();

    private final UserService userService;
    private final TokenService tokenService;
    private final RunService runs;
    private final AuditLog auditLog;

    AdminView(UserService userService, TokenService tokenService, RunService runs, AuditLog auditLog) {
        this.userService = userService;
        this.tokenService = tokenService;
        this.runs = runs;
        this.auditLog = auditLog;
        setSizeFull();
        TabSheet tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.add("Histories", historiesTab());
        tabs.add("Users", usersTab());
        tabs.add("Tokens", tokensTab());
        tabs.add("Audit log", auditTab());
        add(new H2("Admin"), tabs);
        refresh();
    }

    private VerticalLayout historiesTab() {
        histories.addColumn(RunSummary::project).setHeader("Project").setAutoWidth(true).setSortable(true);
        histories.addColumn(RunSummary::name).setHeader("Run").setFlexGrow(2).setSortable(true);
        histories.addColumn(r -> Formats.count(r.pointCount())).setHeader("Points").setAutoWidth(true)
                .setComparator(RunSummary::pointCount);
        histories.addColumn(new ComponentRenderer<>(run -> {
            Button clear = new Button("Clear history", e -> confirmClear(run));
            Button delete = new Button("Delete run", e -> confirmDelete(run));
            clear.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            return new HorizontalLayout(clear, delete);
        })).setHeader("").setAutoWidth(true);
        histories.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        clearProject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        clearProject.addClickListener(e -> confirmClearProject());
        var bar = new HorizontalLayout(project, clearProject);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        var tab = new VerticalLayout(bar, histories);
        tab.setSizeFull();
        return tab;
    }

    void confirmClear(RunSummary run) {
        RunSummary current = runs.get(run.id());
        confirm("Clear history of " + current.name() + "?",
                "This deletes " + Formats.count(current.pointCount()) + " points of run " + current.name()
                        + " (project " + current.project() + "). The run stays. This cannot be undone.",
                "Delete " + Formats.count(current.pointCount()) + " points",
                () -> notify(runs.clearHistory(run.id()) + " points deleted"));
    }

    void confirmDelete(RunSummary run) {
        RunSummary current = runs.get(run.id());
        confirm("Delete run " + current.name() + "?",
                "This deletes run " + current.name() + " (project " + current.project() + ") and its "
                        + Formats.count(current.pointCount()) + " points. This cannot be undone.",
                "Delete run and " + Formats.count(current.pointCount()) + " points",
                () -> notify("Run deleted with " + runs.deleteRun(run.id()) + " points"));
    }

    void confirmClearProject() {
        String name = project.getValue();
        if (name == null) {
            project.setInvalid(true);
            project.setErrorMessage("Choose a project");
            return;
        }
        RunService.ProjectSize size = runs.projectSize(name);
        confirm("Clear all histories of project " + name + "?",
                "This deletes " + Formats.count(size.points()) + " points of " + size.runs() + " runs in project "
                        + name + ". The runs stay. This cannot be undone.",
                "Delete " + Formats.count(size.points()) + " points",
                () -> notify(runs.clearProject(name) + " points deleted"));
    }

    private void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, confirmText, e -> {
            action.run();
            refresh();
        });
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private VerticalLayout usersTab() {
        users.addColumn(UserSummary::username).setHeader("User").setAutoWidth(true);
        users.addColumn(u -> u.role().name()).setHeader("Role");
        users.addColumn(u -> !u.enabled() ? "disabled" : u.locked() ? "locked" : "active").setHeader("State");
        users.addColumn(new ComponentRenderer<>(u -> {
            Button role = new Button(u.role() == Role.ADMIN ? "Make viewer" : "Make admin", e -> {
                userService.changeRole(u.id(), u.role() == Role.ADMIN ? Role.VIEWER : Role.ADMIN);
                auditLog.record("change role", "user " + u.username(), null);
                refresh();
            });
            Button enable = new Button(u.enabled() ? "Disable" : "Enable", e -> {
                userService.setEnabled(u.id(), !u.enabled());
                auditLog.record(u.enabled() ? "disable user" : "enable user", "user " + u.username(), null);
                refresh();
            });
            Button reset = new Button("Reset password", e -> resetPassword(u));
            role.addThemeVariants(ButtonVariant.LUMO_SMALL);
            enable.addThemeVariants(ButtonVariant.LUMO_SMALL);
            reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return new HorizontalLayout(role, enable, reset);
        })).setAutoWidth(true);
        newRole.setLabel("Role");
        newRole.setItems(Role.VIEWER, Role.ADMIN);
        newRole.setValue(Role.VIEWER);
        createUser.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createUser.addClickListener(e -> {
            try {
                userService.create(newUsername.getValue(), newPassword.getValue(), newRole.getValue());
                auditLog.record("create user", "user " + newUsername.getValue() + " (" + newRole.getValue() + ")", null);
                newUsername.clear();
                newPassword.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                newPassword.setInvalid(true);
                newPassword.setErrorMessage(ex.getMessage());
            }
        });
        var form = new HorizontalLayout(newUsername, newPassword, newRole, createUser);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return new VerticalLayout(form, users);
    }

    private void resetPassword(UserSummary user) {
        Dialog dialog = new Dialog("Reset password of " + user.username());
        PasswordField password = new PasswordField("New password (at least 10 characters)");
        Button save = new Button("Save", e -> {
            try {
                userService.resetPassword(user.id(), password.getValue());
                auditLog.record("reset password", "user " + user.username(), null);
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                password.setInvalid(true);
                password.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private VerticalLayout tokensTab() {
        tokens.addColumn(TokenSummary::name).setHeader("Name").setAutoWidth(true);
        tokens.addColumn(t -> t.scope().name().toLowerCase(java.util.Locale.ROOT)).setHeader("Scope");
        tokens.addColumn(t -> time(t.createdAt())).setHeader("Created").setAutoWidth(true);
        tokens.addColumn(t -> t.lastUsedAt() == null ? "never" : time(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        tokens.addColumn(new ComponentRenderer<>(t -> {
            if (t.revokedAt() != null) {
                return new Paragraph("revoked " + time(t.revokedAt()));
            }
            Button revoke = new Button("Revoke", e -> new ConfirmDialog("Revoke token " + t.name() + "?",
                    "Jobs using this token will get 401 from now on.", "Revoke", c -> {
                tokenService.revoke(t.id());
                auditLog.record("revoke token", "token " + t.name(), null);
                refresh();
            }).open());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return revoke;
        })).setAutoWidth(true);
        tokenScope.setLabel("Scope");
        tokenScope.setItems(TokenScope.INGEST, TokenScope.ADMIN);
        tokenScope.setItemLabelGenerator(s -> s.name().toLowerCase(java.util.Locale.ROOT));
        tokenScope.setValue(TokenScope.INGEST);
        createToken.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createToken.addClickListener(e -> {
            try {
                IssuedToken issued = tokenService.create(tokenName.getValue(), tokenScope.getValue());
                auditLog.record("create token", "token " + issued.name() + " (" + issued.scope() + ")", null);
                showOnce(issued);
                tokenName.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                tokenName.setInvalid(true);
                tokenName.setErrorMessage(ex.getMessage());
            }
        });
        var form = new HorizontalLayout(tokenName, tokenScope, createToken);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return new VerticalLayout(form, tokens);
    }

    private static void showOnce(IssuedToken issued) {
        Dialog dialog = new Dialog("Token " + issued.name());
        TextField secret = new TextField("Copy it now: it is shown only once");
        secret.setValue(issued.secret());
        secret.setReadOnly(true);
        secret.setWidth("32em");
        secret.addClassName("issued-token");
        dialog.add(secret);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.open();
    }

    private VerticalLayout auditTab() {
        audit.addColumn(a -> time(a.happenedAt())).setHeader("When").setAutoWidth(true);
        audit.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        audit.addColumn(AuditEntry::action).setHeader("What").setAutoWidth(true);
        audit.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(2);
        audit.addColumn(a -> a.points() == null ? "" : Formats.count(a.points())).setHeader("Points").setAutoWidth(true);
        return new VerticalLayout(audit);
    }

    void refresh() {
        var all = runs.list();
        histories.setItems(all);
        project.setItems(all.stream().map(RunSummary::project).distinct().sorted().toList());
        users.setItems(userService.list());
        tokens.setItems(tokenService.list());
        audit.setItems(auditLog.recent(200));
    }

    private static void notify(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START);
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
