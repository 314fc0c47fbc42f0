package dev.descent.compare.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.base.ui.QueryParams;
import dev.descent.chart.YScale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison in the URL, so a link reproduces it:
 * {@code /compare?runs=12,15,19&series=val_loss&smoothing=0.8&scale=log&x=epoch}.
 */
record CompareState(List<Long> runs, String series, double smoothing, YScale scale, String x) {

    static final List<String> X_MODES = List.of("iteration", "epoch", "relative", "wall");

    CompareState {
        runs = List.copyOf(runs);
        smoothing = Double.isFinite(smoothing) ? Math.clamp(smoothing, 0, 0.99) : 0.6;
        x = X_MODES.contains(x) ? x : "iteration";
    }

    static CompareState fromQuery(QueryParameters query) {
        List<Long> runs = new ArrayList<>();
        QueryParams.first(query, "runs").ifPresent(v -> {
            for (String id : v.split(",")) {
                try {
                    long runId = Long.parseLong(id.strip());
                    if (!runs.contains(runId)) {
                        runs.add(runId);
                    }
                } catch (NumberFormatException ignored) {
                    // A mangled id is dropped like an unknown one.
                }
            }
        });
        return new CompareState(runs,
                QueryParams.first(query, "series").filter(s -> !s.isBlank()).orElse("loss"),
                QueryParams.first(query, "smoothing").map(QueryParams::number).orElse(0.6),
                QueryParams.first(query, "scale").map(v -> v.equalsIgnoreCase("log") ? YScale.LOG : YScale.LINEAR).orElse(YScale.LINEAR),
                QueryParams.first(query, "x").map(v -> v.toLowerCase(Locale.ROOT)).orElse("iteration"));
    }

    QueryParameters toQuery() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("runs", String.join(",", runs.stream().map(String::valueOf).toList()));
        p.put("series", series);
        p.put("smoothing", String.format(Locale.ROOT, "%.2f", smoothing));
        p.put("scale", scale == YScale.LOG ? "log" : "linear");
        p.put("x", x);
        return QueryParameters.simple(p);
    }

    CompareState withRuns(List<Long> r) {
        return new CompareState(r, series, smoothing, scale, x);
    }

    CompareState withSeries(String s) {
        return new CompareState(runs, s, smoothing, scale, x);
    }

    CompareState withSmoothing(double s) {
        return new CompareState(runs, series, s, scale, x);
    }

    CompareState withScale(YScale s) {
        return new CompareState(runs, series, smoothing, s, x);
    }

    CompareState withX(String mode) {
        return new CompareState(runs, series, smoothing, scale, mode);
    }
}
