package dev.descent.compare.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;
import dev.descent.plot.ui.ViewQuery;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The comparison in the URL, so a link reproduces it:
 * {@code /compare?runs=12,15,19&series=val_loss&smoothing=0.8&scale=log&x=epoch}.
 */
record CompareState(List<Long> runs, String series, Smoothing smoothing, YScale scale, XMode x) {

    CompareState {
        runs = List.copyOf(runs);
    }

    static CompareState fromQuery(QueryParameters parameters) {
        ViewQuery query = new ViewQuery(parameters);
        return new CompareState(query.ids("runs"),
                query.text("series").filter(s -> !s.isBlank()).orElse("loss"),
                query.smoothing(Smoothing.DEFAULT),
                query.scale(YScale.LINEAR),
                query.x(XMode.ITERATION));
    }

    QueryParameters toQuery() {
        return new ViewQuery.Builder()
                .put("runs", runs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .put("series", series)
                .smoothing(smoothing)
                .scale(scale)
                .x(x)
                .build();
    }

    CompareState withRuns(List<Long> r) {
        return new CompareState(r, series, smoothing, scale, x);
    }

    CompareState withSeries(String s) {
        return new CompareState(runs, s, smoothing, scale, x);
    }

    CompareState withSmoothing(Smoothing s) {
        return new CompareState(runs, series, s, scale, x);
    }

    CompareState withScale(YScale s) {
        return new CompareState(runs, series, smoothing, s, x);
    }

    CompareState withX(XMode mode) {
        return new CompareState(runs, series, smoothing, scale, mode);
    }
}
