package dev.descent.compare.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.plot.IterationRange;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;
import dev.descent.plot.ui.ViewQuery;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The comparison in the URL, so a link reproduces it:
 * {@code /compare?runs=12,15,19&series=val_loss&smoothing=0.8&scale=log&x=epoch&from=1000&to=5000&outliers=show}.
 *
 * @param zoom           the iterations shown when zoomed (on the iteration axis only: other axes do not map to every
 *                       run alike)
 * @param ignoreOutliers the y-range leaves out what lies far outside the rest (on by default)
 */
record CompareState(List<Long> runs, String series, Smoothing smoothing, YScale scale, XMode x,
                    @Nullable IterationRange zoom, boolean ignoreOutliers) {

    CompareState {
        runs = List.copyOf(runs);
        if (x != XMode.ITERATION) {
            zoom = null;
        }
    }

    static CompareState fromQuery(QueryParameters parameters) {
        ViewQuery query = new ViewQuery(parameters);
        return new CompareState(query.ids("runs"),
                query.text("series").filter(s -> !s.isBlank()).orElse("loss"),
                query.smoothing(Smoothing.DEFAULT),
                query.scale(YScale.LINEAR),
                query.x(XMode.ITERATION),
                query.zoom().orElse(null),
                !query.text("outliers").map("show"::equalsIgnoreCase).orElse(false));
    }

    QueryParameters toQuery() {
        ViewQuery.Builder query = new ViewQuery.Builder()
                .put("runs", runs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .put("series", series)
                .smoothing(smoothing)
                .scale(scale)
                .x(x)
                .zoom(zoom);
        if (!ignoreOutliers) {
            query.put("outliers", "show");
        }
        return query.build();
    }

    CompareState withRuns(List<Long> r) {
        return new CompareState(r, series, smoothing, scale, x, zoom, ignoreOutliers);
    }

    CompareState withSeries(String s) {
        return new CompareState(runs, s, smoothing, scale, x, zoom, ignoreOutliers);
    }

    CompareState withSmoothing(Smoothing s) {
        return new CompareState(runs, series, s, scale, x, zoom, ignoreOutliers);
    }

    CompareState withScale(YScale s) {
        return new CompareState(runs, series, smoothing, s, x, zoom, ignoreOutliers);
    }

    CompareState withX(XMode mode) {
        return new CompareState(runs, series, smoothing, scale, mode, zoom, ignoreOutliers);
    }

    CompareState withZoom(@Nullable IterationRange z) {
        return new CompareState(runs, series, smoothing, scale, x, z, ignoreOutliers);
    }

    CompareState withIgnoreOutliers(boolean ignore) {
        return new CompareState(runs, series, smoothing, scale, x, zoom, ignore);
    }
}
