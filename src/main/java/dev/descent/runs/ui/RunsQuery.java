package dev.descent.runs.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.plot.ui.ViewQuery;
import dev.descent.run.RunFilter;
import dev.descent.run.RunStatus;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * The runs table in the URL, so a link shows the same rows, columns and order:
 * {@code /?q=/resnet/&project=vision&status=RUNNING&tag=baseline&params=lr=0.001&columns=minLoss,params.lr&sort=minLoss&order=asc}.
 *
 * @param columns the optional columns shown ({@link RunColumns}), in order
 * @param sort    the column the rows are ordered by, null for the list's own order (latest update first)
 */
record RunsQuery(RunFilter filter, List<String> columns, @Nullable String sort, boolean descending) {

    static final List<String> DEFAULT_COLUMNS = List.of(RunColumns.LAST_LOSS, RunColumns.POINTS, RunColumns.UPDATED);

    RunsQuery {
        columns = List.copyOf(columns);
    }

    static RunsQuery fromQuery(QueryParameters parameters) {
        ViewQuery query = new ViewQuery(parameters);
        RunStatus status = query.text("status").flatMap(s -> {
            try {
                return java.util.Optional.of(RunStatus.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
        RunFilter filter = new RunFilter(query.text("q").orElse(""), query.text("project").orElse(null), status,
                query.text("tag").orElse(null), query.text("params").orElse(""));
        List<String> columns = query.text("columns").isPresent()
                ? query.list("columns").stream().filter(RunColumns::isKnown).toList() : DEFAULT_COLUMNS;
        String sort = query.text("sort").filter(RunColumns::isSortKey).orElse(null);
        return new RunsQuery(filter, columns, sort, query.text("order").map("desc"::equalsIgnoreCase).orElse(false));
    }

    QueryParameters toQuery() {
        ViewQuery.Builder query = new ViewQuery.Builder();
        RunFilter f = filter;
        if (!f.text().isBlank()) {
            query.put("q", f.text());
        }
        if (f.project() != null) {
            query.put("project", f.project());
        }
        if (f.status() != null) {
            query.put("status", f.status().name());
        }
        if (f.tag() != null) {
            query.put("tag", f.tag());
        }
        if (!f.params().isBlank()) {
            query.put("params", f.params());
        }
        if (!columns.equals(DEFAULT_COLUMNS)) {
            query.put("columns", String.join(",", columns));
        }
        if (sort != null) {
            query.put("sort", sort);
            query.put("order", descending ? "desc" : "asc");
        }
        return query.build();
    }

    RunsQuery withFilter(RunFilter f) {
        return new RunsQuery(f, columns, sort, descending);
    }

    RunsQuery withColumns(List<String> c) {
        return new RunsQuery(filter, c, sort, descending);
    }

    RunsQuery withSort(@Nullable String key, boolean desc) {
        return new RunsQuery(filter, columns, key, desc);
    }
}
