package dev.descent.runs.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.base.ui.AlertBadge;
import dev.descent.base.ui.Formats;
import dev.descent.base.ui.StatusBadge;
import dev.descent.run.RunSummary;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The runs as a table. Rows are ordered here, not by the grid: a sort is applied when it is chosen (or the filter
 * changes), and live changes then update rows in place, so a row never moves under the cursor while values change.
 */
class RunsTable extends Grid<RunSummary> {

    private static final List<String> NUMERIC = List.of(RunColumns.LAST_LOSS, RunColumns.MIN_LOSS,
            RunColumns.IMPROVEMENT, RunColumns.POINTS, RunColumns.DURATION);

    /** The grid's own in-memory sort is a no-op: the rows are already in the order chosen (a stable sort keeps it). */
    private static final com.vaadin.flow.function.SerializableComparator<RunSummary> KEEP_ORDER = (a, b) -> 0;

    private final Clock clock;
    /** What is shown, in the order shown. */
    private final List<RunSummary> rows = new ArrayList<>();
    /** Where each run stood when the order was last applied. */
    private final Map<Long, Integer> positions = new HashMap<>();
    private Map<Long, List<Incident>> open = Map.of();
    private RunsQuery query = RunsQuery.fromQuery(com.vaadin.flow.router.QueryParameters.empty());
    private boolean updating;

    RunsTable(Clock clock, BiConsumer<@Nullable String, Boolean> onSort) {
        this.clock = clock;
        setItems(rows).setIdentifierProvider(RunSummary::id);
        setSelectionMode(SelectionMode.MULTI);
        // A long run name wraps instead of being cut to its first characters (on a phone above all).
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setMultiSort(false);
        addSortListener(e -> {
            if (updating || !e.isFromClient()) {
                return;
            }
            List<GridSortOrder<RunSummary>> order = e.getSortOrder();
            if (order.isEmpty()) {
                onSort.accept(null, false);
            } else {
                onSort.accept(order.getFirst().getSorted().getKey(), order.getFirst().getDirection() == SortDirection.DESCENDING);
            }
        });
    }

    /** A new query: columns, filter and order applied to every run. */
    void show(RunsQuery newQuery, List<RunSummary> all, Map<Long, List<Incident>> openIncidents) {
        open = openIncidents;
        if (!newQuery.columns().equals(query.columns()) || getColumns().isEmpty()) {
            buildColumns(newQuery.columns());
        }
        query = newQuery;
        Predicate<RunSummary> matches = newQuery.filter().predicate();
        rows.clear();
        all.stream().filter(matches).forEach(rows::add);
        String sort = newQuery.sort();
        if (sort != null) {
            rows.sort(RunColumns.order(sort, newQuery.descending()));
        }
        positions.clear();
        for (int i = 0; i < rows.size(); i++) {
            positions.put(rows.get(i).id(), i);
        }
        showSortIndicator();
        getDataProvider().refreshAll();
    }

    /**
     * Live: changed runs replace their rows where they are, runs never shown before come first (newest first),
     * deleted ones go; the order is not applied again. Positions are remembered from the last {@link #show}, so a
     * list read before the latest one (live reads are shared and may arrive late) cannot reshuffle the rows.
     */
    void update(List<RunSummary> all, Map<Long, List<Incident>> openIncidents) {
        open = openIncidents;
        Predicate<RunSummary> matches = query.filter().predicate();
        List<RunSummary> next = new ArrayList<>(all.stream().filter(matches).toList());
        next.sort(java.util.Comparator.<RunSummary>comparingInt(r -> positions.getOrDefault(r.id(), -1))
                .thenComparing(RunSummary::id, java.util.Comparator.reverseOrder()));
        rows.clear();
        rows.addAll(next);
        getDataProvider().refreshAll();
    }

    List<RunSummary> rows() {
        return List.copyOf(rows);
    }

    private void showSortIndicator() {
        updating = true;
        try {
            String sort = query.sort();
            Column<RunSummary> column = sort == null ? null : getColumnByKey(sort);
            if (column == null) {
                sort(List.of());
            } else {
                sort(List.of(new GridSortOrder<>(column, query.descending() ? SortDirection.DESCENDING : SortDirection.ASCENDING)));
            }
        } finally {
            updating = false;
        }
    }

    private void buildColumns(List<String> optional) {
        removeAllColumns();
        addColumn(RunSummary::project).setHeader("Project").setKey(RunColumns.PROJECT).setAutoWidth(true)
                .setSortable(true).setSortProperty(RunColumns.PROJECT).setComparator(KEEP_ORDER);
        // The name keeps its room on a phone: it is what a row is recognised by.
        addColumn(RunSummary::name).setHeader("Run").setKey(RunColumns.NAME).setFlexGrow(2).setWidth("14em")
                .setSortable(true).setSortProperty(RunColumns.NAME).setComparator(KEEP_ORDER)
                .setTooltipGenerator(RunSummary::name);
        addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name()))).setHeader("Status")
                .setKey(RunColumns.STATUS).setAutoWidth(true).setSortable(true).setSortProperty(RunColumns.STATUS).setComparator(KEEP_ORDER);
        addColumn(new ComponentRenderer<>(this::alertBadges)).setHeader("Alerts").setKey("Alerts").setAutoWidth(true);
        for (String key : optional) {
            Column<RunSummary> column = addColumn(r -> RunColumns.text(key, r, clock)).setHeader(RunColumns.header(key))
                    .setKey(key).setAutoWidth(true).setSortable(true).setSortProperty(key).setComparator(KEEP_ORDER);
            if (NUMERIC.contains(key) || key.startsWith(RunColumns.PARAMS)) {
                column.setTextAlign(ColumnTextAlign.END);
            }
            if (key.equals(RunColumns.LAST_LOSS)) {
                column.setTooltipGenerator(r -> Formats.currentDetail(r.lastFiniteLoss(), null, r.lossNonFiniteSince()));
            }
            if (key.equals(RunColumns.IMPROVEMENT)) {
                column.setTooltipGenerator(r -> "from the first loss; negative when it got worse");
            }
        }
    }

    private Span alertBadges(RunSummary run) {
        Span badges = new Span();
        badges.addClassName("run-alerts");
        if (run.stalled()) {
            badges.add(new AlertBadge("stalled", "No point since " + Formats.utc(run.stalledSince())
                    + " while the run says it is running"));
        }
        open.getOrDefault(run.id(), List.of()).forEach(i -> badges.add(new AlertBadge(i.event().id(), i.text())));
        return badges;
    }
}
