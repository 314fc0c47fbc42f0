package dev.descent.admin.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

@Route("admin")
@PageTitle("Admin · Descent")
class AdminView extends VerticalLayout {

    AdminView() {
        add(new H2("Admin"), new Paragraph("Users, roles, tokens and clearing histories are coming."));
    }
}
