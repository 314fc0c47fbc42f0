package dev.descent.base.ui;

import com.vaadin.flow.component.html.Span;

import java.util.Locale;

/** A pill for something the watchdog found about a run (diverged, plateau, stalled), with its detail as tooltip. */
public class AlertBadge extends Span {

    public AlertBadge(String event, String detail) {
        String lower = event.toLowerCase(Locale.ROOT);
        addClassNames("alert-badge", lower);
        setText(lower);
        setTitle(detail);
        getElement().setAttribute("data-alert", lower);
        getElement().setAttribute("aria-label", detail);
    }
}
