package dev.descent.monitor.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.metrics.Estimator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;
import dev.descent.plot.ui.ViewQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a monitor shows, kept in the URL query string so that a link shows a colleague the same picture:
 * {@code ?series=loss,val_loss&smoothing=0.6&ema=true&scale=log&x=epoch&target=0.01&estimator=linear}.
 */
record MonitorState(List<String> series, Smoothing smoothing, boolean showEma, YScale scale, XMode xMode,
                    double targetLoss, Estimator estimator) {

    MonitorState {
        series = List.copyOf(series);
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
        return new MonitorState(series, Smoothing.DEFAULT, true, YScale.LINEAR, XMode.ITERATION,
                MetricsOptions.DEFAULT_TARGET_LOSS, Estimator.LINEAR);
    }

    /** The state a URL asks for; anything missing or unreadable falls back to the defaults. */
    static MonitorState fromQuery(QueryParameters parameters, List<String> available) {
        MonitorState d = defaults(available);
        ViewQuery query = new ViewQuery(parameters);
        List<String> series = query.list("series");
        return new MonitorState(
                series.isEmpty() ? d.series : series,
                query.smoothing(d.smoothing),
                query.text("ema").map(v -> !v.equals("false")).orElse(d.showEma),
                query.scale(d.scale),
                query.x(d.xMode),
                query.number("target", d.targetLoss),
                query.text("estimator").map(v -> v.equalsIgnoreCase("log_linear") ? Estimator.LOG_LINEAR : Estimator.LINEAR)
                        .orElse(d.estimator));
    }

    QueryParameters toQuery() {
        return new ViewQuery.Builder()
                .put("series", String.join(",", series))
                .smoothing(smoothing)
                .put("ema", Boolean.toString(showEma))
                .scale(scale)
                .x(xMode)
                .put("target", Double.toString(targetLoss))
                .put("estimator", estimator.name().toLowerCase(Locale.ROOT))
                .build();
    }

    MonitorState withSeries(List<String> s) {
        return new MonitorState(s, smoothing, showEma, scale, xMode, targetLoss, estimator);
    }

    MonitorState withSmoothing(Smoothing s) {
        return new MonitorState(series, s, showEma, scale, xMode, targetLoss, estimator);
    }

    MonitorState withShowEma(boolean s) {
        return new MonitorState(series, smoothing, s, scale, xMode, targetLoss, estimator);
    }

    MonitorState withScale(YScale s) {
        return new MonitorState(series, smoothing, showEma, s, xMode, targetLoss, estimator);
    }

    MonitorState withXMode(XMode s) {
        return new MonitorState(series, smoothing, showEma, scale, s, targetLoss, estimator);
    }

    MonitorState withTarget(double t) {
        return new MonitorState(series, smoothing, showEma, scale, xMode, t, estimator);
    }

    MonitorState withEstimator(Estimator e) {
        return new MonitorState(series, smoothing, showEma, scale, xMode, targetLoss, e);
    }

    String primarySeries() {
        return series.getFirst();
    }
}
