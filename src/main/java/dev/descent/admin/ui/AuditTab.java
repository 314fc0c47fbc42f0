package dev.descent.admin.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.descent.admin.AuditEntry;
import dev.descent.admin.AuditLog;
import dev.descent.base.ui.Formats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The most recent 200 audit records, newest first. */
class AuditTab extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    final Grid<AuditEntry> audit = new Grid<>();
    private final AuditLog auditLog;

    AuditTab(AuditLog auditLog) {
        this.auditLog = auditLog;
        audit.addColumn(a -> time(a.happenedAt())).setHeader("When").setAutoWidth(true);
        audit.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        audit.addColumn(AuditEntry::action).setHeader("What").setAutoWidth(true);
        audit.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(2);
        audit.addColumn(a -> a.points() == null ? "" : Formats.count(a.points())).setHeader("Points").setAutoWidth(true);
        add(audit);
    }

    void refresh() {
        audit.setItems(auditLog.recent(200));
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
