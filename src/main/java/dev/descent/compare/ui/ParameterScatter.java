package dev.descent.compare.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.descent.chart.ScatterPlot;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * "Which hyperparameter matters": a metric of each compared run (its lowest or its current loss) against one of
 * its numeric parameters, dots coloured as in the chart, a click opening the run. The x-axis is logarithmic when
 * the parameter spans two decades or more.
 */
class ParameterScatter extends VerticalLayout {

    enum Metric {
        MIN_LOSS("Min loss"), CURRENT_LOSS("Current loss");

        final String label;

        Metric(String label) {
            this.label = label;
        }

        @Nullable Double of(ComparedRun c) {
            return this == MIN_LOSS ? c.metrics.minLoss() : c.metrics.currentLoss();
        }
    }

    final Select<String> parameter = new Select<>();
    final Select<Metric> metric = new Select<>();
    final ScatterPlot plot = new ScatterPlot();
    private List<ComparedRun> runs = List.of();

    ParameterScatter() {
        setPadding(false);
        parameter.setLabel("Parameter");
        parameter.setEmptySelectionAllowed(false);
        metric.setLabel("Result");
        metric.setItems(Metric.values());
        metric.setItemLabelGenerator(m -> m.label);
        metric.setValue(Metric.MIN_LOSS);
        parameter.addValueChangeListener(e -> draw());
        metric.addValueChangeListener(e -> draw());
        var controls = new HorizontalLayout(parameter, metric);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H3("Parameter vs result"), controls, plot);
    }

    /** New runs: the numeric parameters they have are offered, the current choice kept when it still applies. */
    void show(Collection<ComparedRun> compared) {
        runs = new ArrayList<>(compared);
        TreeSet<String> numeric = new TreeSet<>();
        runs.forEach(c -> c.run.params().forEach((k, v) -> {
            if (v instanceof Number) {
                numeric.add(k);
            }
        }));
        String current = parameter.getValue();
        parameter.setItems(numeric); // clears the value: setting it again below draws
        if (current != null && numeric.contains(current)) {
            parameter.setValue(current);
        } else if (!numeric.isEmpty()) {
            parameter.setValue(numeric.contains("lr") ? "lr" : numeric.first());
        }
        setVisible(!numeric.isEmpty());
    }

    /** Metrics moved on (live points). */
    void refresh() {
        draw();
    }

    private void draw() {
        String name = parameter.getValue();
        Metric m = metric.getValue();
        if (name == null || m == null) {
            return;
        }
        List<ScatterPlot.Dot> dots = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        for (ComparedRun c : runs) {
            Object value = c.run.params().get(name);
            Double y = m.of(c);
            if (!(value instanceof Number n) || y == null) {
                continue;
            }
            xs.add(n.doubleValue());
            dots.add(new ScatterPlot.Dot(n.doubleValue(), y, c.color,
                    c.run.name() + ": " + name + " = " + value + ", " + m.label.toLowerCase(Locale.ROOT) + " = "
                            + String.format(Locale.ROOT, "%.6g", y), "runs/" + c.id()));
        }
        plot.show(dots, name, m.label, ScatterPlot.spansDecades(xs));
    }
}
