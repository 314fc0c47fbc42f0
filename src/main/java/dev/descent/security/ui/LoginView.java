package dev.descent.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.descent.security.UserService;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Descent")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    private final UserService users;

    LoginView(UserService users) {
        this.users = users;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        add(new H1("Descent"), new Paragraph("Live training curves for your team"), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!users.anyUser()) {
            event.forwardTo(SetupView.class);
            return;
        }
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("throttled")) {
            showError("Too many failed sign-ins from your address", "Wait "
                    + parameters.get("throttled").getFirst().replaceAll("\\D", "")
                    + " seconds before the next attempt; each further failure doubles the wait.");
        } else if (parameters.containsKey("busy")) {
            showError("Too many sign-ins at this moment", "Your password was not checked. Try again in a few seconds.");
        } else if (parameters.containsKey("error")) {
            Exception last = lastFailure();
            if (last instanceof LockedException) {
                showError("Account locked for a few minutes",
                        "Too many wrong passwords in a row. Wait 5 minutes, or ask an admin to reset it.");
            } else if (last instanceof DisabledException) {
                showError("Account disabled", "An admin disabled this account.");
            } else {
                showError("Wrong user name or password",
                        "Check them and try again. After 5 wrong attempts the account locks for 5 minutes.");
            }
        }
    }

    private void showError(String title, String message) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle(title);
        i18n.getErrorMessage().setMessage(message);
        form.setI18n(i18n);
        form.setError(true);
    }

    private static Exception lastFailure() {
        if (VaadinServletRequest.getCurrent() instanceof VaadinServletRequest request) {
            var session = request.getHttpServletRequest().getSession(false);
            if (session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof Exception e) {
                return e;
            }
        }
        return new Exception();
    }
}
