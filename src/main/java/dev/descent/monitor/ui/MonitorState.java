package dev.descent.monitor.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.metrics.Estimator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.plot.IterationRange;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;
import dev.descent.plot.ui.ViewQuery;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a monitor shows, kept in the URL query string so that a link shows a colleague the same picture:
 * {@code ?series=loss,val_loss&smoothing=0.6&ema=true&scale=log&x=epoch&target=0.01&estimator=log_linear&from=100&to=900}.
 *
 * @param showEma moving-average lines for the losses ({@code ema=true}); {@code ema=all} draws them for every
 *                series ({@code emaAll}), {@code ema=false} for none. A learning rate or a gradient norm has no
 *                moving average unless asked: nobody reads an "lr EMA".
 * @param zoom      the iterations shown when zoomed, null for the whole run
 * @param dashboard every series at a glance, a grid of small charts ({@code view=dashboard})
 * @param hidden    series left out of the dashboard ({@code hide=lr,grad_norm})
 */
record MonitorState(List<String> series, Smoothing smoothing, boolean showEma, boolean emaAll, YScale scale,
                    XMode xMode, double targetLoss, Estimator estimator, @Nullable IterationRange zoom,
                    boolean dashboard, List<String> hidden) {

    MonitorState {
        series = List.copyOf(series);
        hidden = List.copyOf(hidden);
    }

    MonitorState(List<String> series, Smoothing smoothing, boolean showEma, boolean emaAll, YScale scale,
                 XMode xMode, double targetLoss, Estimator estimator, @Nullable IterationRange zoom) {
        this(series, smoothing, showEma, emaAll, scale, xMode, targetLoss, estimator, zoom, false, List.of());
    }

    static MonitorState defaults(List<String> available) {
        List<String> series = new ArrayList<>();
        for (String preferred : List.of("loss", "val_loss")) {
            if (available.contains(preferred)) {
                series.add(preferred);
            }
        }
        if (series.isEmpty() && !available.isEmpty()) {
            series.add(available.getFirst());
        }
        if (series.isEmpty()) {
            series.add("loss");
        }
        return new MonitorState(series, Smoothing.DEFAULT, true, false, YScale.LINEAR, XMode.ITERATION,
                MetricsOptions.DEFAULT_TARGET_LOSS, MetricsOptions.DEFAULTS.estimator(), null);
    }

    /** The state a URL asks for; anything missing or unreadable falls back to the defaults. */
    static MonitorState fromQuery(QueryParameters parameters, List<String> available) {
        MonitorState d = defaults(available);
        ViewQuery query = new ViewQuery(parameters);
        List<String> series = query.list("series");
        Optional<String> ema = query.text("ema");
        return new MonitorState(
                series.isEmpty() ? d.series : series,
                query.smoothing(d.smoothing),
                ema.map(v -> !v.equals("false")).orElse(d.showEma),
                ema.map(v -> v.equals("all")).orElse(d.emaAll),
                query.scale(d.scale),
                query.x(d.xMode),
                query.number("target", d.targetLoss),
                query.text("estimator").flatMap(Estimator::parse).orElse(d.estimator),
                query.zoom().orElse(null),
                query.text("view").map("dashboard"::equalsIgnoreCase).orElse(false),
                query.list("hide"));
    }

    QueryParameters toQuery() {
        ViewQuery.Builder query = new ViewQuery.Builder()
                .put("series", String.join(",", series))
                .smoothing(smoothing)
                .put("ema", !showEma ? "false" : emaAll ? "all" : "true")
                .scale(scale)
                .x(xMode)
                .put("target", Double.toString(targetLoss))
                .put("estimator", estimator.name().toLowerCase(Locale.ROOT))
                .zoom(zoom);
        if (dashboard) {
            query.put("view", "dashboard");
        }
        if (!hidden.isEmpty()) {
            query.put("hide", String.join(",", hidden));
        }
        return query.build();
    }

    /** Whether a series gets a moving-average line: the losses when shown, every series when asked. */
    boolean emaFor(String name) {
        return showEma && (emaAll || isLoss(name));
    }

    /** {@code loss}, {@code val_loss}, {@code train/loss}, {@code eval_loss}…: a name that says loss. */
    static boolean isLoss(String name) {
        return name.toLowerCase(Locale.ROOT).contains("loss");
    }

    MonitorState withSeries(List<String> s) {
        return new MonitorState(s, smoothing, showEma, emaAll, scale, xMode, targetLoss, estimator, zoom, dashboard, hidden);
    }

    MonitorState withSmoothing(Smoothing s) {
        return new MonitorState(series, s, showEma, emaAll, scale, xMode, targetLoss, estimator, zoom, dashboard, hidden);
    }

    MonitorState withShowEma(boolean s) {
        return new MonitorState(series, smoothing, s, emaAll, scale, xMode, targetLoss, estimator, zoom, dashboard, hidden);
    }

    MonitorState withEmaAll(boolean all) {
        return new MonitorState(series, smoothing, showEma, all, scale, xMode, targetLoss, estimator, zoom, dashboard, hidden);
    }

    MonitorState withScale(YScale s) {
        return new MonitorState(series, smoothing, showEma, emaAll, s, xMode, targetLoss, estimator, zoom, dashboard, hidden);
    }

    /** A new x-axis shows the whole run: a zoom was a window on the old axis. */
    MonitorState withXMode(XMode s) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, s, targetLoss, estimator, null, dashboard, hidden);
    }

    MonitorState withTarget(double t) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, xMode, t, estimator, zoom, dashboard, hidden);
    }

    MonitorState withEstimator(Estimator e) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, xMode, targetLoss, e, zoom, dashboard, hidden);
    }

    MonitorState withZoom(@Nullable IterationRange z) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, xMode, targetLoss, estimator, z, dashboard, hidden);
    }

    MonitorState withDashboard(boolean d) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, xMode, targetLoss, estimator, zoom, d, hidden);
    }

    MonitorState withHidden(List<String> h) {
        return new MonitorState(series, smoothing, showEma, emaAll, scale, xMode, targetLoss, estimator, zoom, dashboard, h);
    }

    String primarySeries() {
        return series.getFirst();
    }
}
