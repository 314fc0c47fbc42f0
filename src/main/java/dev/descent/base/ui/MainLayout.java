package dev.descent.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The frame around every view: title bar and side navigation. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private boolean dark;

    public MainLayout(AuthenticationContext auth) {
        H1 title = new H1("Descent");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0").set("flex-grow", "1");
        Button theme = new Button(VaadinIcon.ADJUST.create(), e -> toggleDarkTheme());
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        theme.setAriaLabel("Switch light/dark theme");
        theme.setTooltipText("Light / dark");
        theme.getStyle().set("margin-right", "var(--lumo-space-m)");
        Span user = new Span(auth.getPrincipalName().orElse(""));
        user.addClassName("signed-in-user");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.getStyle().set("margin-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), title, theme, user, logout);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Runs", "", VaadinIcon.LINE_CHART.create()));
        nav.addItem(new SideNavItem("Compare", "compare", VaadinIcon.SPLIT.create()));
        nav.addItem(new SideNavItem("Alerts", "alerts", VaadinIcon.BELL.create()));
        if (auth.hasRole("ADMIN")) {
            nav.addItem(new SideNavItem("Admin", "admin", VaadinIcon.COG.create()));
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    /** Lumo's dark variant; the chart redraws its canvas colours when the theme attribute changes. */
    private void toggleDarkTheme() {
        dark = !dark;
        UI.getCurrent().getElement().executeJs("document.documentElement.setAttribute('theme', $0)", dark ? "dark" : "");
    }
}
