package dev.descent.runs.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.descent.run.RunFilter;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The runs table's filters (the comparison's grammar plus parameter values) and its column chooser. Every change is
 * reported as a new {@link RunsQuery}; showing one from the URL does not report it back.
 */
class RunsFilterBar extends HorizontalLayout {

    final TextField text = new TextField("Filter runs");
    final ComboBox<String> project = new ComboBox<>("Project");
    final Select<String> status = new Select<>();
    final ComboBox<String> tag = new ComboBox<>("Tag");
    final TextField params = new TextField("Parameters");
    final MultiSelectComboBox<String> columns = new MultiSelectComboBox<>("Columns");

    private RunsQuery query = RunsQuery.fromQuery(com.vaadin.flow.router.QueryParameters.empty());
    private boolean updating;

    RunsFilterBar(Consumer<RunsQuery> onChange) {
        text.setPlaceholder("substring or /regex/");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        project.setClearButtonVisible(true);
        status.setLabel("Status");
        status.setItems("any", "RUNNING", "FINISHED", "FAILED");
        tag.setClearButtonVisible(true);
        params.setPlaceholder("lr=0.001, optimizer=adam");
        params.setClearButtonVisible(true);
        params.setValueChangeMode(ValueChangeMode.LAZY);
        columns.setItemLabelGenerator(RunColumns::header);
        columns.setWidth("22em");
        columns.setPlaceholder("columns");
        text.addValueChangeListener(e -> filterChanged(onChange));
        project.addValueChangeListener(e -> filterChanged(onChange));
        status.addValueChangeListener(e -> filterChanged(onChange));
        tag.addValueChangeListener(e -> filterChanged(onChange));
        params.addValueChangeListener(e -> filterChanged(onChange));
        columns.addValueChangeListener(e -> {
            if (!updating) {
                // In the order offered, so that the table's columns do not depend on the order of clicks.
                List<String> chosen = columns.getListDataView().getItems().filter(e.getValue()::contains).toList();
                onChange.accept(query.withColumns(chosen));
            }
        });
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(text, project, status, tag, params, columns);
    }

    private void filterChanged(Consumer<RunsQuery> onChange) {
        if (updating) {
            return;
        }
        String s = status.getValue();
        RunFilter filter = new RunFilter(Objects.requireNonNullElse(text.getValue(), ""), project.getValue(),
                s == null || s.equals("any") ? null : RunStatus.valueOf(s), tag.getValue(),
                Objects.requireNonNullElse(params.getValue(), ""));
        onChange.accept(query.withFilter(filter));
    }

    /** An invalid regex or parameter condition, explained on its field. */
    void showInvalid(String message) {
        boolean inParams = message.startsWith("Parameters");
        (inParams ? params : text).setInvalid(true);
        (inParams ? params : text).setErrorMessage(message);
    }

    void show(RunsQuery newQuery, List<RunSummary> runs) {
        updating = true;
        try {
            query = newQuery;
            RunFilter f = newQuery.filter();
            text.setValue(f.text());
            text.setInvalid(false);
            params.setInvalid(false);
            List<String> projects = runs.stream().map(RunSummary::project).distinct().sorted().toList();
            if (!project.getListDataView().getItems().toList().equals(projects)) {
                project.setItems(projects);
            }
            project.setValue(f.project());
            status.setValue(f.status() == null ? "any" : f.status().name());
            List<String> tags = runs.stream().flatMap(r -> r.tags().stream()).distinct().sorted().toList();
            if (!tag.getListDataView().getItems().toList().equals(tags)) {
                tag.setItems(tags);
            }
            tag.setValue(f.tag());
            params.setValue(f.params());
            List<String> offered = new ArrayList<>(RunColumns.METRICS.keySet());
            offered.addAll(RunColumns.paramColumns(runs));
            newQuery.columns().stream().filter(c -> !offered.contains(c)).forEach(offered::add);
            if (!columns.getListDataView().getItems().toList().equals(offered)) {
                columns.setItems(offered);
            }
            columns.setValue(new LinkedHashSet<>(newQuery.columns()));
        } finally {
            updating = false;
        }
    }
}
