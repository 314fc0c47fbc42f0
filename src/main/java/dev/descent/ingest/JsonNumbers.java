package dev.descent.ingest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Helpers for request bodies read as trees (runs and status changes; points are streamed, see PointsParser). */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
