package dev.descent.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * What one node tells the others, as a {@code NOTIFY} payload (PostgreSQL allows less than 8000 bytes): ids and
 * iteration ranges, never points. The receiver reads what it needs from the database.
 *
 * @param node     the sender, so that a node ignores its own messages
 * @param type     {@code points}, {@code run}, {@code token} or {@code user}
 * @param kind     for {@code run}: the {@code RunChanged.Kind}
 * @param series   for {@code points}: each series' first and last iteration in the batch; null when too many to
 *                 fit, and then the receiver re-reads the run ({@code RELOADED})
 * @param replaced for {@code points}: the batch replaced stored points
 * @param name     for {@code user}: the username whose sessions end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClusterMessage(String node, String type, long id, @Nullable String kind,
                      @Nullable Map<String, long[]> series, boolean replaced, @Nullable String name) {

    ClusterMessage(String node, String type, long id, @Nullable String kind, @Nullable Map<String, long[]> series,
                   boolean replaced) {
        this(node, type, id, kind, series, replaced, null);
    }

    static final String CHANNEL = "descent_changes";
    /** Below PostgreSQL's 8000-byte payload limit with room for the envelope. */
    static final int MAX_BYTES = 7000;
}
