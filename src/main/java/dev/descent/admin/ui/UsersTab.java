package dev.descent.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.security.Role;
import dev.descent.security.UserService;
import dev.descent.security.UserSummary;

/** Users: create, change role, enable or disable, reset a password. The service audits each change. */
class UsersTab extends VerticalLayout {

    final Grid<UserSummary> users = new Grid<>();
    final TextField newUsername = new TextField("User name");
    final PasswordField newPassword = new PasswordField("Password");
    final Select<Role> newRole = new Select<>();
    final Button createUser = new Button("Create user");

    private final UserService userService;
    private final Runnable changed;

    UsersTab(UserService userService, Runnable changed) {
        this.userService = userService;
        this.changed = changed;
        users.addColumn(UserSummary::username).setHeader("User").setAutoWidth(true);
        users.addColumn(u -> u.role().name()).setHeader("Role");
        users.addColumn(u -> !u.enabled() ? "disabled" : u.locked() ? "locked" : "active").setHeader("State");
        users.addColumn(new ComponentRenderer<>(u -> {
            Button role = new Button(u.role() == Role.ADMIN ? "Make viewer" : "Make admin", e -> {
                userService.changeRole(u.id(), u.role() == Role.ADMIN ? Role.VIEWER : Role.ADMIN);
                changed.run();
            });
            Button enable = new Button(u.enabled() ? "Disable" : "Enable", e -> {
                userService.setEnabled(u.id(), !u.enabled());
                changed.run();
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
                newUsername.clear();
                newPassword.clear();
                changed.run();
            } catch (IllegalArgumentException ex) {
                newPassword.setInvalid(true);
                newPassword.setErrorMessage(ex.getMessage());
            }
        });
        var form = new HorizontalLayout(newUsername, newPassword, newRole, createUser);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(form, users);
    }

    void refresh() {
        users.setItems(userService.list());
    }

    private void resetPassword(UserSummary user) {
        Dialog dialog = new Dialog("Reset password of " + user.username());
        PasswordField password = new PasswordField("New password (at least 10 characters)");
        Button save = new Button("Save", e -> {
            try {
                userService.resetPassword(user.id(), password.getValue());
                dialog.close();
                changed.run();
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
}
