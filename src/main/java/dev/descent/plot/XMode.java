package dev.descent.plot;

import java.util.Locale;

/** What the chart's x-axis shows. */
public enum XMode {
    ITERATION("iteration", "Iteration"),
    EPOCH("epoch", "Epoch"),
    RELATIVE("relative", "Relative time (s)"),
    WALL("wall", "Wall time");

    public final String param;
    public final String label;

    XMode(String param, String label) {
        this.param = param;
        this.label = label;
    }

    public static XMode fromParam(String value) {
        for (XMode mode : values()) {
            if (mode.param.equals(value.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return ITERATION;
    }

    /** The x of a point; NaN when the point has none on this axis (no epoch). */
    public double x(long iteration, double epoch, long timestamp, TimeOrigin origin) {
        return switch (this) {
            case ITERATION -> iteration;
            case EPOCH -> epoch;
            case RELATIVE -> (timestamp - origin.firstOr(timestamp)) / 1000.0;
            case WALL -> timestamp / 1000.0;
        };
    }

    /** Wall time is drawn as dates; the others as plain numbers. */
    public boolean isTime() {
        return this == WALL;
    }
}
