package dev.descent.plot.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.descent.chart.YScale;
import dev.descent.plot.IterationRange;
import dev.descent.plot.Smoothing;
import dev.descent.plot.XMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chart's state in the URL query string, read the same way by every view. Anything may be missing or
 * mistyped in a URL: what cannot be read falls back to the default, never to an error page.
 */
public final class ViewQuery {

    private final QueryParameters query;

    public ViewQuery(QueryParameters query) {
        this.query = query;
    }

    public Optional<String> text(String key) {
        List<String> values = query.getParameters().get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** A comma-separated list, without blanks or repeats, in the order given. */
    public List<String> list(String key) {
        List<String> items = new ArrayList<>();
        text(key).ifPresent(v -> {
            for (String item : v.split(",")) {
                String s = item.strip();
                if (!s.isEmpty() && !items.contains(s)) {
                    items.add(s);
                }
            }
        });
        return items;
    }

    /** A comma-separated list of ids; a mangled id is dropped like an unknown one. */
    public List<Long> ids(String key) {
        List<Long> ids = new ArrayList<>();
        for (String item : list(key)) {
            try {
                long id = Long.parseLong(item);
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            } catch (NumberFormatException ignored) {
                // Dropped.
            }
        }
        return ids;
    }

    /** A finite number, else the fallback. */
    public double number(String key, double fallback) {
        return text(key).map(ViewQuery::parse).filter(Double::isFinite).orElse(fallback);
    }

    public Smoothing smoothing(Smoothing fallback) {
        return Smoothing.lenient(number("smoothing", Double.NaN), fallback);
    }

    public YScale scale(YScale fallback) {
        return text("scale").map(v -> v.equalsIgnoreCase("log") ? YScale.LOG : YScale.LINEAR).orElse(fallback);
    }

    public XMode x(XMode fallback) {
        return text("x").map(XMode::fromParam).orElse(fallback);
    }

    /** A zoomed range, {@code from} and {@code to} (iterations, both inclusive); none when either is missing or wrong. */
    public Optional<IterationRange> zoom() {
        try {
            long from = Long.parseLong(text("from").orElse(""));
            long to = Long.parseLong(text("to").orElse(""));
            return from >= 0 && to >= from ? Optional.of(new IterationRange(from, to)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Writes a state in the order given; the shared keys are written as {@link ViewQuery} reads them. */
    public static final class Builder {
        private final Map<String, String> params = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            params.put(key, value);
            return this;
        }

        public Builder smoothing(Smoothing smoothing) {
            return put("smoothing", smoothing.param());
        }

        public Builder scale(YScale scale) {
            return put("scale", scale == YScale.LOG ? "log" : "linear");
        }

        public Builder x(XMode x) {
            return put("x", x.param);
        }

        /** Nothing when not zoomed. */
        public Builder zoom(@org.jspecify.annotations.Nullable IterationRange zoom) {
            if (zoom != null) {
                put("from", Long.toString(zoom.from()));
                put("to", Long.toString(zoom.to()));
            }
            return this;
        }

        public QueryParameters build() {
            return QueryParameters.simple(params);
        }
    }
}
