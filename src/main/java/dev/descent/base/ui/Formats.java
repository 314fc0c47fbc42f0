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
