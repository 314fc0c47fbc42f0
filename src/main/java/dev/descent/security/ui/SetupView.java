package dev.descent.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.descent.security.UserService;
import org.springframework.beans.factory.annotation.Value;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one-time page that creates the first admin. It exists only while Descent has no user at all, and
 * answers only requests from the machine Descent runs on, unless {@code descent.setup.allow-remote=true}.
 */
@Route(value = "setup", autoLayout = false)
@PageTitle("Create the first admin · Descent")
@AnonymousAllowed
class SetupView extends VerticalLayout implements BeforeEnterObserver {

    final TextField username = new TextField("Admin user name");
    final PasswordField password = new PasswordField("Password (at least 10 characters)");
    final PasswordField repeat = new PasswordField("Repeat password");
    final Button create = new Button("Create admin");
    final Paragraph refusal = new Paragraph();

    private final UserService users;
    private final boolean allowRemote;

    SetupView(UserService users, @Value("${descent.setup.allow-remote:false}") boolean allowRemote) {
        this.users = users;
        this.allowRemote = allowRemote;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> createAdmin());
        refusal.setVisible(false);
        add(new H1("Welcome to Descent"),
                new Paragraph("Create the first admin. This page disappears as soon as a user exists."),
                username, password, repeat, create, refusal);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (users.anyUser()) {
            event.forwardTo(LoginView.class);
            return;
        }
        VaadinRequest request = VaadinRequest.getCurrent();
        boolean local = request != null && isLoopback(request.getRemoteAddr());
        if (!local && !allowRemote) {
            username.setVisible(false);
            password.setVisible(false);
            repeat.setVisible(false);
            create.setVisible(false);
            refusal.setText("The first admin can only be created from the machine Descent runs on "
                    + "(or start Descent with DESCENT_ADMIN_USER and DESCENT_ADMIN_PASSWORD).");
            refusal.setVisible(true);
        }
    }

    private void createAdmin() {
        if (!password.getValue().equals(repeat.getValue())) {
            repeat.setInvalid(true);
            repeat.setErrorMessage("The passwords differ.");
            return;
        }
        try {
            users.createFirstAdmin(username.getValue(), password.getValue());
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        } catch (IllegalArgumentException e) {
            password.setInvalid(true);
            password.setErrorMessage(e.getMessage());
        } catch (IllegalStateException e) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        }
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
