package dev.descent.base.ui;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How numbers and times read throughout the UI. */
public final class Formats {

    private Formats() {
    }

    /** Six decimals like the rest of the UI; scientific notation where six decimals would mislead. */
    public static String loss(@Nullable Double value) {
        if (value == null) {
            return "—";
        }
        double v = value;
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+∞" : "−∞";
        }
        double abs = Math.abs(v);
        if (abs != 0 && (abs >= 1e6 || abs < 1e-4)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * A series' current value, the same in every view: the latest value, or, when the latest points are NaN or
     * ±∞, "NaN since iteration N" (the last finite value goes beside it, see {@link #currentDetail}).
     */
    public static String current(@Nullable Double lastFinite, @Nullable Long nonFiniteSince) {
        return nonFiniteSince != null ? "NaN since iteration " + nonFiniteSince : loss(lastFinite);
    }

    /** What goes beside {@link #current}: the last finite value of a diverged series and its iteration. */
    public static @Nullable String currentDetail(@Nullable Double lastFinite, @Nullable Long iteration,
                                                 @Nullable Long nonFiniteSince) {
        if (nonFiniteSince == null) {
            return iteration == null ? null : "at iteration " + iteration;
        }
        return lastFinite == null ? "no finite value" : "last finite " + loss(lastFinite)
                + (iteration == null ? "" : " at iteration " + iteration);
    }

    /** A signed percentage: "−30.84 %", "+12.00 %", "—". */
    public static String percent(@Nullable Double value) {
        if (value == null || value.isNaN()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.2f %%", value).replace('-', '−');
    }

    /** A moment as people read it in a table: "2026-11-30 10:31 UTC"; "" for none. */
    public static String utc(@Nullable Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').substring(0, 16) + " UTC";
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
    public static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }
}
