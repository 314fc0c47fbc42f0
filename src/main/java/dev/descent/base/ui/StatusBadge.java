package dev.descent.base.ui;

import com.vaadin.flow.component.html.Span;

import java.util.Locale;

/** A coloured pill for a run status (RUNNING, FINISHED, FAILED). */
public class StatusBadge extends Span {

    public StatusBadge(String status) {
        addClassName("status-badge");
        setStatus(status);
    }

    public final void setStatus(String status) {
        removeClassNames("running", "finished", "failed", "deleted");
        String lower = status.toLowerCase(Locale.ROOT);
        addClassName(lower);
        setText(lower);
        getElement().setAttribute("data-status", status);
    }
}
