package dev.descent.run;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Set;

/**
 * Changes to a run after it started; a null field stays as it is.
 *
 * @param notes  the new notes; "" clears them
 * @param params merged into the run's params: a key mapped to null is removed (JSON merge patch, RFC 7396)
 */
public record RunEdit(@Nullable RunStatus status, @Nullable Set<String> tags, @Nullable String notes,
                      @Nullable Map<String, @Nullable Object> params) {

    /** The names of the fields this edit changes, for the audit trail. */
    public java.util.List<String> fields() {
        java.util.List<String> fields = new java.util.ArrayList<>();
        if (status != null) {
            fields.add("status");
        }
        if (tags != null) {
            fields.add("tags");
        }
        if (notes != null) {
            fields.add("notes");
        }
        if (params != null) {
            fields.add("params");
        }
        return fields;
    }
}
