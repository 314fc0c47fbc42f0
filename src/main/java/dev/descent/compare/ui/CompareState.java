package dev.descent.compare.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.plot.BandKind;
import dev.descent.plot.IterationRange;
import dev.descent.plot.RunGrouping;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;
import dev.descent.plot.ui.ViewQuery;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The comparison in the URL, so a link reproduces it:
 * {@code /compare?runs=12,15,19&series=val_loss&smoothing=0.8&scale=log&x=epoch&from=1000&to=5000&outliers=show},
 * grouped: {@code /compare?runs=…&group=params.lr&band=std}.
 *
 * @param zoom           the iterations shown when zoomed (on the iteration axis only: other axes do not map to every
 *                       run alike)
 * @param ignoreOutliers the y-range leaves out what lies far outside the rest (on by default)
 * @param group          how runs are grouped into a mean line with a band ({@link RunGrouping}), null for one line
 *                       per run; groups are drawn over iterations
 * @param band           what a group's band spans
 */
record CompareState(List<Long> runs, String series, Smoothing smoothing, YScale scale, XMode x,
                    @Nullable IterationRange zoom, boolean ignoreOutliers, @Nullable String group, BandKind band) {

    CompareState {
        runs = List.copyOf(runs);
        if (group != null) {
            x = XMode.ITERATION; // members are aligned by the step they logged
        }
        if (x != XMode.ITERATION) {
            zoom = null;
        }
    }

    CompareState(List<Long> runs, String series, Smoothing smoothing, YScale scale, XMode x,
                 @Nullable IterationRange zoom, boolean ignoreOutliers) {
        this(runs, series, smoothing, scale, x, zoom, ignoreOutliers, null, BandKind.STD);
    }

    static CompareState fromQuery(QueryParameters parameters) {
        ViewQuery query = new ViewQuery(parameters);
        return new CompareState(query.ids("runs"),
                query.text("series").filter(s -> !s.isBlank()).orElse("loss"),
                query.smoothing(Smoothing.DEFAULT),
                query.scale(YScale.LINEAR),
                query.x(XMode.ITERATION),
                query.zoom().orElse(null),
                !query.text("outliers").map("show"::equalsIgnoreCase).orElse(false),
                query.text("group").filter(CompareState::isGrouping).orElse(null),
                query.text("band").flatMap(BandKind::parse).orElse(BandKind.STD));
    }

    /** A grouping a URL may carry; another (mistyped) is dropped, like any unreadable part of a URL. */
    static boolean isGrouping(String spec) {
        try {
            RunGrouping.parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
        if (group != null) {
            query.put("group", group);
            query.put("band", band.param());
        }
        return query.build();
    }

    CompareState withRuns(List<Long> r) {
        return new CompareState(r, series, smoothing, scale, x, zoom, ignoreOutliers, group, band);
    }

    CompareState withSeries(String s) {
        return new CompareState(runs, s, smoothing, scale, x, zoom, ignoreOutliers, group, band);
    }

    CompareState withSmoothing(Smoothing s) {
        return new CompareState(runs, series, s, scale, x, zoom, ignoreOutliers, group, band);
    }

    CompareState withScale(YScale s) {
        return new CompareState(runs, series, smoothing, s, x, zoom, ignoreOutliers, group, band);
    }

    CompareState withX(XMode mode) {
        return new CompareState(runs, series, smoothing, scale, mode, zoom, ignoreOutliers, group, band);
    }

    CompareState withZoom(@Nullable IterationRange z) {
        return new CompareState(runs, series, smoothing, scale, x, z, ignoreOutliers, group, band);
    }

    CompareState withGroup(@Nullable String g) {
        return new CompareState(runs, series, smoothing, scale, x, zoom, ignoreOutliers, g, band);
    }

    CompareState withBand(BandKind b) {
        return new CompareState(runs, series, smoothing, scale, x, zoom, ignoreOutliers, group, b);
    }

    CompareState withIgnoreOutliers(boolean ignore) {
        return new CompareState(runs, series, smoothing, scale, x, zoom, ignore, group, band);
    }
}
