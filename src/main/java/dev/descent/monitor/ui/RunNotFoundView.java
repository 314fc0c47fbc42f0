package dev.descent.monitor.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import dev.descent.base.ui.MainLayout;
import com.vaadin.flow.router.ParentLayout;
import dev.descent.run.RunNotFoundException;
import jakarta.servlet.http.HttpServletResponse;

/** A friendly 404 for links to runs that do not exist (or no longer do). */
@jakarta.annotation.security.PermitAll
@PageTitle("Run not found · Descent")
@ParentLayout(MainLayout.class)
class RunNotFoundView extends VerticalLayout implements HasErrorParameter<RunNotFoundException> {

    final Paragraph message = new Paragraph();

    RunNotFoundView() {
        add(new H2("Run not found"), message, new Anchor("", "Back to all runs"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<RunNotFoundException> parameter) {
        message.setText("There is no run with id " + parameter.getException().runId()
                + ". It may have been deleted, or the link is mistyped.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
