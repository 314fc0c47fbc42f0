package dev.descent.monitor.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.base.ui.QueryParams;
import dev.descent.chart.YScale;
import dev.descent.metrics.Estimator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.monitor.XMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a monitor shows, kept in the URL query string so that a link shows a colleague the same picture:
 * {@code ?series=loss,val_loss&smoothing=0.6&ema=true&scale=log&x=epoch&target=0.01&estimator=linear}.
 */
record MonitorState(List<String> series, double smoothing, boolean showEma, YScale scale, XMode xMode,
                    double targetLoss, Estimator estimator) {

    static final double DEFAULT_SMOOTHING = 0.6;

    MonitorState {
        series = List.copyOf(series);
        smoothing = Math.clamp(smoothing, 0, 0.99);
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
        return new MonitorState(series, DEFAULT_SMOOTHING, true, YScale.LINEAR, XMode.ITERATION,
                MetricsOptions.DEFAULT_TARGET_LOSS, Estimator.LINEAR);
    }

    /** The state a URL asks for; anything missing or unreadable falls back to the defaults. */
    static MonitorState fromQuery(QueryParameters query, List<String> available) {
        MonitorState d = defaults(available);
        List<String> series = new ArrayList<>();
        QueryParams.first(query, "series").ifPresent(v -> {
            for (String s : v.split(",")) {
                if (!s.isBlank() && !series.contains(s.strip())) {
                    series.add(s.strip());
                }
            }
        });
        return new MonitorState(
                series.isEmpty() ? d.series : series,
                QueryParams.first(query, "smoothing").map(QueryParams::number).filter(Double::isFinite).orElse(d.smoothing),
                QueryParams.first(query, "ema").map(v -> !v.equals("false")).orElse(d.showEma),
                QueryParams.first(query, "scale").map(v -> v.equalsIgnoreCase("log") ? YScale.LOG : YScale.LINEAR).orElse(d.scale),
                QueryParams.first(query, "x").map(XMode::fromParam).orElse(d.xMode),
                QueryParams.first(query, "target").map(QueryParams::number).filter(Double::isFinite).orElse(d.targetLoss),
                QueryParams.first(query, "estimator").map(v -> v.equalsIgnoreCase("log_linear") ? Estimator.LOG_LINEAR : Estimator.LINEAR)
                        .orElse(d.estimator));
    }

    QueryParameters toQuery() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("series", String.join(",", series));
        p.put("smoothing", String.format(Locale.ROOT, "%.2f", smoothing));
        p.put("ema", Boolean.toString(showEma));
        p.put("scale", scale == YScale.LOG ? "log" : "linear");
        p.put("x", xMode.param);
        p.put("target", Double.toString(targetLoss));
        p.put("estimator", estimator.name().toLowerCase(Locale.ROOT));
        return QueryParameters.simple(p);
    }

    MonitorState withSeries(List<String> s) {
        return new MonitorState(s, smoothing, showEma, scale, xMode, targetLoss, estimator);
    }

    MonitorState withSmoothing(double s) {
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
