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
import dev.descent.plot.BandKind;
import dev.descent.plot.RunGrouping;
import dev.descent.plot.Smoothing;
import org.jspecify.annotations.Nullable;
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
    final ComboBox<String> group = new ComboBox<>("Group by");
    final Select<BandKind> band = new Select<>();

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
        group.setAllowCustomValue(true);
        group.setClearButtonVisible(true);
        group.setPlaceholder("one line per run");
        group.setHelperText("params.lr, params.*-seed, tag or name:/regex/");
        group.setWidth("16em");
        group.addCustomValueSetListener(e -> chooseGroup(e.getDetail(), onChange));
        group.addValueChangeListener(e -> {
            if (!updating) {
                chooseGroup(e.getValue(), onChange);
            }
        });
        band.setLabel("Band");
        band.setItems(BandKind.values());
        band.setItemLabelGenerator(b -> b.label);
        band.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                onChange.accept(state.withBand(e.getValue()));
            }
        });
        csv.setText("Export CSV");
        csv.getElement().setAttribute("download", true);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(series, smoothing, smoothingValue, scale, xMode, group, band, ignoreOutliers, csv, png);
    }

    /** A grouping typed or picked: an unreadable one is explained on the field and changes nothing. */
    private void chooseGroup(@Nullable String spec, Consumer<CompareState> onChange) {
        String value = spec == null || spec.isBlank() ? null : spec.strip();
        if (value != null) {
            try {
                RunGrouping.parse(value);
            } catch (IllegalArgumentException e) {
                group.setInvalid(true);
                group.setErrorMessage(e.getMessage());
                return;
            }
        }
        group.setInvalid(false);
        onChange.accept(state.withGroup(value));
    }

    void show(CompareState newState, Collection<String> seriesNames) {
        show(newState, seriesNames, java.util.List.of());
    }

    /** @param groupings suggested groupings (one per parameter of the compared runs, tag, …) */
    void show(CompareState newState, Collection<String> seriesNames, java.util.List<String> groupings) {
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
            java.util.List<String> suggestions = new java.util.ArrayList<>(groupings);
            String current = newState.group();
            if (current != null && !suggestions.contains(current)) {
                suggestions.add(current);
            }
            if (!group.getListDataView().getItems().toList().equals(suggestions)) {
                group.setItems(suggestions);
            }
            group.setValue(current);
            band.setValue(newState.band());
            band.setEnabled(current != null);
            xMode.setEnabled(current == null);
            xMode.setHelperText(current == null ? null : "groups are drawn over iterations");
        } finally {
            updating = false;
        }
    }
}
