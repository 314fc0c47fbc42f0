package dev.descent.compare.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.descent.base.ui.StatusBadge;
import dev.descent.run.RunFilter;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Choosing the runs to compare: a filterable list (substring or /regex/, project, status, tag) with multi
 * selection. It reports the selection the user asks for; the view decides what is compared.
 */
class RunPicker extends VerticalLayout {

    final TextField filter = new TextField();
    final ComboBox<String> project = new ComboBox<>("Project");
    final Select<String> status = new Select<>();
    final ComboBox<String> tag = new ComboBox<>("Tag");
    final Grid<RunSummary> grid = new Grid<>();
    final Button selectAllMatching = new Button("Select all matching");
    final Button clearSelection = new Button("Clear selection");
    final Span selectedCount = new Span();

    private final List<RunSummary> allRuns = new ArrayList<>();
    private final Consumer<List<Long>> onSelection;
    private List<Long> selected = List.of();
    private boolean updating;

    RunPicker(Consumer<List<Long>> onSelection) {
        this.onSelection = onSelection;
        setPadding(false);
        filter.setLabel("Filter runs");
        filter.setPlaceholder("substring or /regex/");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> refresh());
        project.setClearButtonVisible(true);
        project.addValueChangeListener(e -> refresh());
        status.setLabel("Status");
        status.setItems("any", "RUNNING", "FINISHED", "FAILED");
        status.setValue("any");
        status.addValueChangeListener(e -> refresh());
        tag.setClearButtonVisible(true);
        tag.addValueChangeListener(e -> refresh());

        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(RunSummary::project).setHeader("Project").setAutoWidth(true);
        grid.addColumn(RunSummary::name).setHeader("Run").setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name()))).setHeader("Status");
        grid.addColumn(r -> String.join(", ", r.tags())).setHeader("Tags");
        grid.setHeight("16em");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.asMultiSelect().addSelectionListener(e -> {
            if (!updating && e.isFromClient()) {
                List<Long> ids = new ArrayList<>(selected);
                e.getRemovedSelection().forEach(r -> ids.remove(r.id()));
                e.getAddedSelection().forEach(r -> {
                    if (!ids.contains(r.id())) {
                        ids.add(r.id());
                    }
                });
                onSelection.accept(ids);
            }
        });
        selectAllMatching.addClickListener(e -> {
            List<Long> ids = new ArrayList<>(selected);
            matching().forEach(r -> {
                if (!ids.contains(r.id())) {
                    ids.add(r.id());
                }
            });
            onSelection.accept(ids);
        });
        clearSelection.addClickListener(e -> onSelection.accept(List.of()));

        var filters = new HorizontalLayout(filter, project, status, tag);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        var buttons = new HorizontalLayout(selectAllMatching, clearSelection, selectedCount);
        buttons.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(filters, grid, buttons);
    }

    /** The runs to choose from. */
    void setRuns(List<RunSummary> runs) {
        allRuns.clear();
        allRuns.addAll(runs);
        project.setItems(runs.stream().map(RunSummary::project).distinct().sorted().toList());
        tag.setItems(runs.stream().flatMap(r -> r.tags().stream()).distinct().sorted().toList());
        refresh();
    }

    List<RunSummary> runs() {
        return allRuns;
    }

    /** Shows what is compared, without reporting it back. */
    void showSelected(List<Long> ids) {
        selected = List.copyOf(ids);
        selectedCount.setText(ids.size() + " selected");
        refresh();
    }

    List<RunSummary> matching() {
        return allRuns.stream().filter(currentFilter().predicate()).toList();
    }

    private RunFilter currentFilter() {
        String s = status.getValue();
        return new RunFilter(Objects.requireNonNullElse(filter.getValue(), ""), project.getValue(),
                s == null || s.equals("any") ? null : RunStatus.valueOf(s), tag.getValue());
    }

    private void refresh() {
        List<RunSummary> shown;
        try {
            shown = matching();
            filter.setInvalid(false);
            filter.setErrorMessage(null);
        } catch (RunFilter.InvalidRegex e) {
            filter.setInvalid(true);
            filter.setErrorMessage(e.getMessage());
            return;
        }
        updating = true;
        try {
            grid.setItems(shown);
            grid.asMultiSelect().setValue(new LinkedHashSet<>(shown.stream()
                    .filter(r -> selected.contains(r.id())).toList()));
        } finally {
            updating = false;
        }
    }
}
