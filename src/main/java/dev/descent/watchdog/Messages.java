package dev.descent.watchdog;

import dev.descent.run.RunSummary;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one-line texts people read in the app, in notifications and in chat channels through webhooks. */
final class Messages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Messages() {
    }

    static String diverged(RunSummary run, String series, Finding.Diverged d) {
        if (d.level() == null) {
            return title(run) + ": " + series + " diverged (" + number(d.value()) + " at iteration "
                    + count(d.iteration()) + ")";
        }
        return title(run) + ": " + series + " diverged (" + number(d.value()) + " at iteration " + count(d.iteration())
                + ", " + String.format(Locale.ROOT, "%.1f", d.value() / d.level()) + "× its recent level "
                + number(d.level()) + ")";
    }

    static String plateau(RunSummary run, String series, Finding.Plateau p) {
        String span = p.inEpochs() ? String.format(Locale.ROOT, "%.3g epochs", p.span())
                : count(Math.round(p.span())) + " iterations";
        return title(run) + ": " + series + " on a plateau (no improvement over "
                + String.format(Locale.ROOT, "%.3g", p.threshold() * 100) + " % in " + span + "; best "
                + number(p.best()) + " at iteration " + count(p.sinceIteration()) + ")";
    }

    static String stalled(RunSummary run, Duration after) {
        return title(run) + ": stalled (running, but no point for " + duration(after) + "; last "
                + (run.pointCount() == 0 ? "started " : "point ") + TIME.format(java.util.Objects.requireNonNull(
                run.stalledSince())) + ")";
    }

    static String statusChanged(RunSummary run, AlertEvent event) {
        String last = run.lastFiniteLoss() == null ? "" : "; last loss " + number(run.lastFiniteLoss());
        return title(run) + ": " + event.id() + " (" + count(run.pointCount()) + " points" + last + ")";
    }

    private static String title(RunSummary run) {
        return run.project() + "/" + run.name();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(Duration d) {
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h";
    }
}
