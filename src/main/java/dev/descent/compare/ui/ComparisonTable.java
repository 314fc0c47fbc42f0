package dev.descent.compare.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.metrics.LossMetrics;
import dev.descent.plot.BandKind;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The compared runs side by side: colour, name, status, the hyperparameters that differ, and their metrics. */
class ComparisonTable extends Grid<ComparedRun> {

    private static final int FIXED_COLUMNS = 3;
    private List<ComparedRun> shown = List.of();
    private BandKind band = BandKind.STD;

    ComparisonTable() {
        addColumn(new ComponentRenderer<>(c -> {
            Span swatch = new Span();
            swatch.addClassName("run-swatch");
            swatch.getStyle().set("background", c.color);
            return swatch;
        })).setHeader("").setWidth("3em").setFlexGrow(0);
        addColumn(c -> c.run.name()).setHeader("Run").setSortable(true).setAutoWidth(true)
                .setComparator(c -> c.run.name());
        addColumn(new ComponentRenderer<>(c -> new StatusBadge(c.run.status().name()))).setHeader("Status")
                .setComparator(c -> c.run.status().name());
        addItemClickListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("runs/" + e.getItem().id())));
        setAllRowsVisible(true);
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    }

    /** New runs: metric columns, plus one column per hyperparameter whose value differs between them. */
    void show(Collection<ComparedRun> runs) {
        show(runs, BandKind.STD);
    }

    /** When grouped, each member's group and the group's latest mean and spread come first, members side by side. */
    void show(Collection<ComparedRun> runs, BandKind bandKind) {
        band = bandKind;
        shown = new ArrayList<>(runs);
        while (getColumns().size() > FIXED_COLUMNS) {
            removeColumn(getColumns().getLast());
        }
        if (shown.stream().anyMatch(c -> c.group != null)) {
            // Group keys come from users (params, tags, names): text, never markup.
            addColumn(c -> c.group == null ? "" : c.group.label()).setHeader("Group").setKey("group")
                    .setAutoWidth(true).setComparator(c -> c.group == null ? "" : c.group.meanId());
            addColumn(c -> c.group == null ? "" : c.group.lastText(band)).setKey("group-last")
                    .setHeader("Group mean " + (band == BandKind.MINMAX ? "(min … max)" : "± std") + " at its last step")
                    .setAutoWidth(true);
            shown.sort(java.util.Comparator.comparing(c -> c.group == null ? "" : c.group.meanId()));
        }
        for (String param : differingParams()) {
            addColumn(c -> String.valueOf(c.run.params().getOrDefault(param, "")))
                    .setHeader(param).setSortable(true).setAutoWidth(true)
                    .setComparator(c -> String.valueOf(c.run.params().getOrDefault(param, "")));
        }
        addColumn(c -> Formats.current(c.metrics.currentLoss(), c.metrics.nonFiniteSince())).setHeader("Current loss")
                .setTooltipGenerator(c -> Formats.currentDetail(c.metrics.currentLoss(), c.metrics.currentIteration(),
                        c.metrics.nonFiniteSince()))
                .setAutoWidth(true)
                .setComparator(c -> c.metrics.nonFiniteSince() != null ? Double.MAX_VALUE : nullLast(c.metrics.currentLoss()));
        addColumn(c -> Formats.loss(c.metrics.minLoss()) + (c.metrics.minLossIteration() == null ? ""
                : " (" + c.metrics.minLossIteration() + ")")).setHeader("Min loss (iteration)").setAutoWidth(true)
                .setComparator(c -> nullLast(c.metrics.minLoss()));
        addColumn(c -> Formats.percent(c.metrics.improvementFromFirst()))
                .setHeader("Improvement").setTooltipGenerator(c -> "from the first loss; negative when it got worse")
                .setAutoWidth(true).setComparator(c -> nullLast(c.metrics.improvementFromFirst()));
        addColumn(c -> Formats.loss(c.metrics.convergenceRate()) + " "
                        + (c.metrics.convergenceRateUnit().equals(LossMetrics.PER_EPOCH) ? "/epoch" : "/iter"))
                .setHeader("Convergence rate").setAutoWidth(true).setComparator(c -> c.metrics.convergenceRate());
        addColumn(c -> c.metrics.estimatedConvergenceEpoch() == null ? "—"
                        : String.format(Locale.ROOT, "%.1f", c.metrics.estimatedConvergenceEpoch()))
                .setHeader("Est. convergence epoch").setAutoWidth(true)
                .setComparator(c -> nullLast(c.metrics.estimatedConvergenceEpoch()));
        getColumns().forEach(c -> c.setSortable(true));
        setItems(shown);
    }

    /** Metrics moved on (live points). */
    void refresh() {
        getDataProvider().refreshAll();
    }

    List<String> differingParams() {
        Set<String> keys = new TreeSet<>();
        shown.forEach(c -> keys.addAll(c.run.params().keySet()));
        return keys.stream().filter(k -> shown.stream()
                .map(c -> String.valueOf(c.run.params().get(k))).distinct().count() > 1).toList();
    }

    private static double nullLast(@Nullable Double value) {
        return value == null ? Double.MAX_VALUE : value;
    }
}
