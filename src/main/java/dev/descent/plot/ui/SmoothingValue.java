package dev.descent.plot.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.slider.DecimalSlider;

import java.util.Locale;

/**
 * The smoothing slider's value, written beside it. The slider's own floating value bubble stayed behind,
 * detached from the slider, when the controls wrapped or scrolled (issue 14); this is plain text in the flow.
 */
public final class SmoothingValue extends Span {

    public SmoothingValue(DecimalSlider slider) {
        addClassName("smoothing-value");
        slider.setValueAlwaysVisible(false);
        show(slider.getValue());
        slider.addValueChangeListener(e -> show(e.getValue()));
    }

    private void show(Double value) {
        setText(value == null ? "" : String.format(Locale.ROOT, "%.2f", value));
    }
}
