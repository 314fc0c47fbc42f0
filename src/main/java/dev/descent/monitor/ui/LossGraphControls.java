package dev.descent.monitor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import dev.descent.plot.ui.SmoothingValue;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.descent.chart.YScale;
import dev.descent.metrics.Estimator;
import dev.descent.plot.XMode;
import dev.descent.plot.Smoothing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controls of a monitor. Every change is applied at once and reported as a new {@link MonitorState};
 * setting a state from outside (URL, reload) does not report it back.
 */
class LossGraphControls extends Div {

    final DecimalSlider smoothing = new DecimalSlider("Smoothing", 0, Smoothing.SLIDER_MAX);
    final SmoothingValue smoothingValue = new SmoothingValue(smoothing);
    final Checkbox showEma = new Checkbox("Moving average of losses");
    final Checkbox emaAll = new Checkbox("… of every series");
    final Select<YScale> scale = new Select<>();
    final MultiSelectComboBox<String> series = new MultiSelectComboBox<>("Series");
    final Select<XMode> xMode = new Select<>();
    final NumberField target = new NumberField("Target loss");
    final Select<Estimator> estimator = new Select<>();
    final Button clearHistory = new Button("Clear history", VaadinIcon.TRASH.create());

    private MonitorState state;
    private List<String> available = List.of();
    private boolean updating;
    private final Consumer<MonitorState> onChange;

    LossGraphControls(MonitorState initial, Consumer<MonitorState> onChange) {
        this.state = initial;
        this.onChange = onChange;
        addClassName("graph-controls");

        smoothing.setStep(0.01);
        smoothing.setValueChangeMode(ValueChangeMode.EAGER);
        smoothing.setWidth("14em");
        smoothing.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                change(state.withSmoothing(Smoothing.lenient(e.getValue(), state.smoothing())));
            }
        });
        showEma.addValueChangeListener(e -> change(state.withShowEma(e.getValue())));
        emaAll.setTooltipText("Also draw a moving average of series that are not losses (learning rate, gradient norm…)");
        emaAll.addValueChangeListener(e -> change(state.withEmaAll(e.getValue())));

        scale.setLabel("Y-axis scale");
        scale.setItems(YScale.LINEAR, YScale.LOG);
        scale.setItemLabelGenerator(s -> s == YScale.LOG ? "Logarithmic" : "Linear");
        scale.addValueChangeListener(e -> change(state.withScale(e.getValue())));

        series.setItemLabelGenerator(s -> s);
        series.addValueChangeListener(e -> {
            if (!e.getValue().isEmpty()) {
                List<String> ordered = new ArrayList<>(state.series().stream().filter(e.getValue()::contains).toList());
                e.getValue().stream().filter(s -> !ordered.contains(s)).sorted().forEach(ordered::add);
                change(state.withSeries(ordered));
            }
        });

        xMode.setLabel("X-axis");
        xMode.setItems(XMode.values());
        xMode.setItemLabelGenerator(m -> m.label);
        xMode.addValueChangeListener(e -> change(state.withXMode(e.getValue())));

        target.setStep(0.001);
        target.setWidth("9em");
        target.addValueChangeListener(e -> {
            if (e.getValue() != null && Double.isFinite(e.getValue())) {
                change(state.withTarget(e.getValue()));
            }
        });

        estimator.setLabel("Estimator");
        estimator.setItems(Estimator.values());
        estimator.setItemLabelGenerator(e -> switch (e) {
            case LINEAR -> "Linear";
            case LOG_LINEAR -> "Exponential (log-linear)";
            case POWER_LAW -> "Power law";
        });
        estimator.addValueChangeListener(e -> change(state.withEstimator(e.getValue())));

        clearHistory.addThemeVariants(ButtonVariant.LUMO_ERROR);

        add(series, smoothing, smoothingValue, showEma, emaAll, scale, xMode, target, estimator, clearHistory);
        show(initial);
    }

    void setAvailableSeries(List<String> names) {
        updating = true;
        try {
            available = List.copyOf(names);
            showSeries(state.series());
        } finally {
            updating = false;
        }
    }

    /** The picker offers every series of the run, plus any the URL asked for that has no points yet. */
    private void showSeries(List<String> selected) {
        List<String> items = new ArrayList<>(available);
        selected.stream().filter(s -> !items.contains(s)).forEach(items::add);
        if (!items.equals(series.getListDataView().getItems().toList())) {
            series.setItems(items);
        }
        if (!series.getValue().equals(new java.util.HashSet<>(selected))) {
            series.setValue(new java.util.LinkedHashSet<>(selected));
        }
    }

    /** Shows a state without reporting it as a change. */
    void show(MonitorState newState) {
        updating = true;
        try {
            state = newState;
            smoothing.setValue(newState.smoothing().weight());
            showEma.setValue(newState.showEma());
            emaAll.setValue(newState.emaAll());
            emaAll.setEnabled(newState.showEma());
            scale.setValue(newState.scale());
            xMode.setValue(newState.xMode());
            target.setValue(newState.targetLoss());
            estimator.setValue(newState.estimator());
            showSeries(newState.series());
        } finally {
            updating = false;
        }
    }

    MonitorState state() {
        return state;
    }

    private void change(MonitorState newState) {
        if (updating || newState.equals(state)) {
            return;
        }
        state = newState;
        onChange.accept(newState);
    }

}
