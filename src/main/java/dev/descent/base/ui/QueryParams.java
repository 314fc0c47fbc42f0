package dev.descent.base.ui;

import com.vaadin.flow.router.QueryParameters;

import java.util.List;
import java.util.Optional;

/** Reading view state from a URL query string, where anything may be missing or mistyped. */
public final class QueryParams {

    private QueryParams() {
    }

    public static Optional<String> first(QueryParameters query, String key) {
        List<String> values = query.getParameters().get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The number, or NaN when the text is not one. */
    public static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
