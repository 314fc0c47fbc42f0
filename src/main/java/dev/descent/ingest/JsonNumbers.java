package dev.descent.ingest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** How the API reads numbers: JSON numbers, the non-standard NaN/Infinity literals, and those as strings. */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /** The value, or null when the node is not a number (nor a non-finite literal or its string form). */
    static @Nullable Double lossValue(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            return switch (node.stringValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    /** A non-negative whole number (120 or 120.0), or null. */
    static @Nullable Long wholeNonNegative(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() && node.longValue() >= 0 ? node.longValue() : null;
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            return d >= 0 && d <= 9.007199254740992E15 && d == Math.rint(d) ? (long) d : null;
        }
        return null;
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
