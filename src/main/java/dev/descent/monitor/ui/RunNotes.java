package dev.descent.monitor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.descent.run.RunEdit;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A run's tags and notes, shown under its header, and edited there by whoever is signed in (issue 16): the
 * service audits every edit. Text is shown as text, never as markup.
 */
class RunNotes extends Div {

    final Div tags = new Div();
    final Span notes = new Span();
    final Button edit = new Button("Edit notes and tags");
    final TextArea notesField = new TextArea("Notes");
    final MultiSelectComboBox<String> tagsField = new MultiSelectComboBox<>("Tags");
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");
    final Span error = new Span();
    private final Div editor = new Div();
    private final RunService runs;
    private RunSummary run;

    RunNotes(RunService runs, RunSummary run) {
        this.runs = runs;
        this.run = run;
        addClassName("run-notes");
        tags.addClassName("run-tags");
        notes.addClassName("run-notes-text");
        notesField.setMaxLength(RunService.MAX_NOTES_CHARS);
        notesField.setWidthFull();
        notesField.setHelperText("At most " + RunService.MAX_NOTES_CHARS + " characters");
        tagsField.setAllowCustomValue(true);
        tagsField.addCustomValueSetListener(e -> {
            String tag = e.getDetail().strip();
            if (!tag.isEmpty()) {
                List<String> items = new ArrayList<>(tagsField.getListDataView().getItems().toList());
                if (!items.contains(tag)) {
                    items.add(tag);
                    tagsField.setItems(items);
                }
                LinkedHashSet<String> selected = new LinkedHashSet<>(tagsField.getValue());
                selected.add(tag);
                tagsField.setValue(selected);
            }
        });
        error.addClassName("run-notes-error");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        cancel.addClickListener(e -> close());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.addClickListener(e -> open());
        editor.add(notesField, tagsField, new HorizontalLayout(save, cancel), error);
        editor.setVisible(false);
        add(tags, notes, edit, editor);
        show(run);
    }

    /** The run as it is now (after a save, or pushed when someone else changed it); an open editor keeps its text. */
    void show(RunSummary summary) {
        run = summary;
        tags.removeAll();
        summary.tags().forEach(t -> {
            Span badge = new Span(t);
            badge.getElement().getThemeList().add("badge contrast");
            tags.add(badge);
        });
        notes.setText(summary.notes() == null ? "" : summary.notes());
    }

    boolean editFieldsVisible() {
        return editor.isVisible();
    }

    private void open() {
        notesField.setValue(run.notes() == null ? "" : run.notes());
        tagsField.setItems(run.tags());
        tagsField.setValue(new LinkedHashSet<>(run.tags()));
        error.setText("");
        editor.setVisible(true);
        edit.setVisible(false);
    }

    private void close() {
        editor.setVisible(false);
        edit.setVisible(true);
    }

    private void save() {
        try {
            show(runs.edit(run.id(), new RunEdit(null, new LinkedHashSet<>(tagsField.getValue()), notesField.getValue(),
                    null)));
            close();
        } catch (IllegalArgumentException e) {
            error.setText(String.valueOf(e.getMessage()));
        }
    }
}
