package dev.descent.compare.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

@Route("compare")
@PageTitle("Compare · Descent")
class CompareView extends VerticalLayout {

    CompareView() {
        add(new H2("Compare"), new Paragraph("Comparing runs side by side is coming."));
    }
}
