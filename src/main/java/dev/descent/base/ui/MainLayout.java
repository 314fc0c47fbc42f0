package dev.descent.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;

/** The frame around every view: title bar and side navigation. */
@Layout
public class MainLayout extends AppLayout {

    public MainLayout() {
        H1 title = new H1("Descent");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        addToNavbar(new DrawerToggle(), title);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Runs", "", VaadinIcon.LINE_CHART.create()));
        nav.addItem(new SideNavItem("Compare", "compare", VaadinIcon.SPLIT.create()));
        nav.addItem(new SideNavItem("Admin", "admin", VaadinIcon.COG.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
