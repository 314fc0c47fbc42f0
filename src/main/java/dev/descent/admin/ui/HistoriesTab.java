package dev.descent.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.base.ui.Formats;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;

/** Run histories: clear one run's points, delete a run, or clear a whole project; each confirmed with its count. */
class HistoriesTab extends VerticalLayout {

    final Grid<RunSummary> histories = new Grid<>();
    final ComboBox<String> project = new ComboBox<>("Project");
    final Button clearProject = new Button("Clear all histories of project");

    private final RunService runs;
    private final Runnable changed;

    HistoriesTab(RunService runs, Runnable changed) {
        this.runs = runs;
        this.changed = changed;
        histories.addColumn(RunSummary::project).setHeader("Project").setAutoWidth(true).setSortable(true);
        histories.addColumn(RunSummary::name).setHeader("Run").setFlexGrow(2).setSortable(true);
        histories.addColumn(r -> Formats.count(r.pointCount())).setHeader("Points").setAutoWidth(true)
                .setComparator(RunSummary::pointCount);
        histories.addColumn(new ComponentRenderer<>(run -> {
            Button clear = new Button("Clear history", e -> confirmClear(run));
            Button delete = new Button("Delete run", e -> confirmDelete(run));
            clear.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            return new HorizontalLayout(clear, delete);
        })).setHeader("").setAutoWidth(true);
        histories.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        clearProject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        clearProject.addClickListener(e -> confirmClearProject());
        var bar = new HorizontalLayout(project, clearProject);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, histories);
        setSizeFull();
    }

    void refresh() {
        var all = runs.list();
        histories.setItems(all);
        project.setItems(all.stream().map(RunSummary::project).distinct().sorted().toList());
    }

    void confirmClear(RunSummary run) {
        RunSummary current = runs.get(run.id());
        confirm("Clear history of " + current.name() + "?",
                "This deletes " + Formats.count(current.pointCount()) + " points of run " + current.name()
                        + " (project " + current.project() + "). The run stays. This cannot be undone.",
                "Delete " + Formats.count(current.pointCount()) + " points",
                () -> notify(runs.clearHistory(run.id()) + " points deleted"));
    }

    void confirmDelete(RunSummary run) {
        RunSummary current = runs.get(run.id());
        confirm("Delete run " + current.name() + "?",
                "This deletes run " + current.name() + " (project " + current.project() + ") and its "
                        + Formats.count(current.pointCount()) + " points. This cannot be undone.",
                "Delete run and " + Formats.count(current.pointCount()) + " points",
                () -> notify("Run deleted with " + runs.deleteRun(run.id()) + " points"));
    }

    void confirmClearProject() {
        String name = project.getValue();
        if (name == null) {
            project.setInvalid(true);
            project.setErrorMessage("Choose a project");
            return;
        }
        RunService.ProjectSize size = runs.projectSize(name);
        confirm("Clear all histories of project " + name + "?",
                "This deletes " + Formats.count(size.points()) + " points of " + size.runs() + " runs in project "
                        + name + ". The runs stay. This cannot be undone.",
                "Delete " + Formats.count(size.points()) + " points",
                () -> notify(runs.clearProject(name) + " points deleted"));
    }

    private void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, confirmText, e -> {
            action.run();
            changed.run();
        });
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private static void notify(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START);
    }
}
