package dev.descent.compare.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import dev.descent.plot.ui.SmoothingValue;
import dev.descent.chart.YScale;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * What the comparison shows (series, smoothing, scale, x-axis) and its exports. Every change is reported as a
 * new {@link CompareState}; showing a state from outside does not report it back.
 */
class ComparisonControls extends HorizontalLayout {

    final ComboBox<String> series = new ComboBox<>("Series");
    final DecimalSlider smoothing = new DecimalSlider("Smoothing", 0, Smoothing.SLIDER_MAX);
    final SmoothingValue smoothingValue = new SmoothingValue(smoothing);
    final Select<YScale> scale = new Select<>();
    final Select<XMode> xMode = new Select<>();
    final Anchor csv = new Anchor();
    final Button png = new Button("Export PNG");
    final Checkbox ignoreOutliers = new Checkbox("Ignore outliers");

    private CompareState state;
    private boolean updating;

    ComparisonControls(CompareState initial, Consumer<CompareState> onChange) {
        this.state = initial;
        series.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                onChange.accept(state.withSeries(e.getValue()));
            }
        });
        smoothing.setStep(0.01);
        smoothing.setWidth("14em");
        smoothing.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                onChange.accept(state.withSmoothing(Smoothing.lenient(e.getValue(), state.smoothing())));
            }
        });
        scale.setLabel("Y-axis scale");
        scale.setItems(YScale.LINEAR, YScale.LOG);
        scale.setItemLabelGenerator(s -> s == YScale.LOG ? "Logarithmic" : "Linear");
        scale.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                onChange.accept(state.withScale(e.getValue()));
            }
        });
        xMode.setLabel("X-axis");
        xMode.setItems(XMode.values());
        xMode.setItemLabelGenerator(m -> m.label);
        xMode.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                onChange.accept(state.withX(e.getValue()));
            }
        });
        ignoreOutliers.setTooltipText("Fit the y-axis to what most lines show; a diverged run's values stay drawn, "
                + "above the top");
        ignoreOutliers.addValueChangeListener(e -> {
            if (!updating) {
                onChange.accept(state.withIgnoreOutliers(e.getValue()));
            }
        });
        csv.setText("Export CSV");
        csv.getElement().setAttribute("download", true);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(series, smoothing, smoothingValue, scale, xMode, ignoreOutliers, csv, png);
    }

    void show(CompareState newState, Collection<String> seriesNames) {
        updating = true;
        try {
            state = newState;
            if (!series.getListDataView().getItems().toList().equals(java.util.List.copyOf(seriesNames))) {
                series.setItems(seriesNames);
            }
            series.setValue(newState.series());
            smoothing.setValue(newState.smoothing().weight());
            scale.setValue(newState.scale());
            xMode.setValue(newState.x());
            ignoreOutliers.setValue(newState.ignoreOutliers());
        } finally {
            updating = false;
        }
    }
}
