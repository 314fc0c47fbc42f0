package dev.descent.monitor.ui;

import java.util.Locale;

/** What the chart's x-axis shows. */
enum XMode {
    ITERATION("iteration", "Iteration"),
    EPOCH("epoch", "Epoch"),
    RELATIVE("relative", "Relative time (s)"),
    WALL("wall", "Wall time");

    final String param;
    final String label;

    XMode(String param, String label) {
        this.param = param;
        this.label = label;
    }

    static XMode fromParam(String value) {
        for (XMode mode : values()) {
            if (mode.param.equals(value.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return ITERATION;
    }

    /** The x of a point; NaN when the point has none on this axis (no epoch). */
    double x(long iteration, double epoch, long timestamp, long firstTimestamp) {
        return switch (this) {
            case ITERATION -> iteration;
            case EPOCH -> epoch;
            case RELATIVE -> (timestamp - firstTimestamp) / 1000.0;
            case WALL -> timestamp / 1000.0;
        };
    }
}
