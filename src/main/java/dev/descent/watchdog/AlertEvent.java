package dev.descent.watchdog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the watchdog reports. The lower-case names are the API's and the webhooks' {@code event} values. */
public enum AlertEvent {
    /** A loss series went NaN/±∞, or jumped above a multiple of its recent level. */
    DIVERGED,
    /** The smoothed loss stopped improving its best by more than a relative threshold over a span. */
    PLATEAU,
    /** A RUNNING run received no point for {@code descent.watchdog.stalled-after}. */
    STALLED,
    /** The run's status became FINISHED. */
    FINISHED,
    /** The run's status became FAILED. */
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertEvent> parse(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    static String allIds() {
        return String.join(", ", Arrays.stream(values()).map(AlertEvent::id).toList());
    }
}
