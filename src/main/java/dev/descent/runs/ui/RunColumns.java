package dev.descent.runs.ui;

import dev.descent.base.ui.Formats;
import dev.descent.run.RunSummary;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The runs table's columns by key (as in the URL): fixed ones (project, run, status, alerts) and optional ones, the
 * metrics and one per parameter ({@code params.lr}). Each knows its text and its order; a run without the value
 * sorts last either way.
 */
final class RunColumns {

    static final String PROJECT = "project";
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String LAST_LOSS = "lastLoss";
    static final String MIN_LOSS = "minLoss";
    static final String IMPROVEMENT = "improvement";
    static final String POINTS = "points";
    static final String DURATION = "duration";
    static final String UPDATED = "updated";
    static final String TAGS = "tags";
    static final String PARAMS = "params.";

    /** The optional metric columns, as offered, with their headers. */
    static final Map<String, String> METRICS = new java.util.LinkedHashMap<>();

    static {
        METRICS.put(LAST_LOSS, "Current loss");
        METRICS.put(MIN_LOSS, "Min loss");
        METRICS.put(IMPROVEMENT, "Improvement");
        METRICS.put(POINTS, "Points");
        METRICS.put(DURATION, "Duration");
        METRICS.put(UPDATED, "Last update");
        METRICS.put(TAGS, "Tags");
    }

    private RunColumns() {
    }

    static boolean isKnown(String key) {
        return METRICS.containsKey(key) || (key.startsWith(PARAMS) && key.length() > PARAMS.length());
    }

    static boolean isSortKey(String key) {
        return isKnown(key) || key.equals(PROJECT) || key.equals(NAME) || key.equals(STATUS);
    }

    static String header(String key) {
        return key.startsWith(PARAMS) ? key.substring(PARAMS.length()) : METRICS.getOrDefault(key, key);
    }

    static String text(String key, RunSummary run, Clock clock) {
        return switch (key) {
            case PROJECT -> run.project();
            case NAME -> run.name();
            case STATUS -> run.status().name();
            case LAST_LOSS -> Formats.current(run.lastFiniteLoss(), run.lossNonFiniteSince());
            case MIN_LOSS -> run.minLoss() == null ? "—"
                    : Formats.loss(run.minLoss()) + " (" + run.minLossIteration() + ")";
            case IMPROVEMENT -> Formats.percent(run.improvementFromFirst());
            case POINTS -> Formats.count(run.pointCount());
            case DURATION -> duration(Duration.between(run.createdAt(), run.updatedAt()));
            case UPDATED -> Formats.ago(run.updatedAt(), clock.instant());
            case TAGS -> String.join(", ", run.tags());
            default -> {
                Object value = key.startsWith(PARAMS) ? run.params().get(key.substring(PARAMS.length())) : null;
                yield value == null ? "" : String.valueOf(value);
            }
        };
    }

    /** "3 h 05 min", "12 min 30 s", "45 s". */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    /** The rows' order for a column, ascending; runs without a value last in either direction. */
    static Comparator<RunSummary> order(String key, boolean descending) {
        Function<RunSummary, @Nullable Comparable<?>> value = run -> sortValue(key, run);
        Comparator<RunSummary> byValue = (a, b) -> compare(value.apply(a), value.apply(b));
        Comparator<RunSummary> directed = descending ? byValue.reversed() : byValue;
        // Missing values last whatever the direction.
        return Comparator.<RunSummary, Boolean>comparing(r -> value.apply(r) == null).thenComparing(directed)
                .thenComparing(RunSummary::id, Comparator.reverseOrder());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(@Nullable Comparable a, @Nullable Comparable b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.getClass() != b.getClass()) {
            return a.toString().compareTo(b.toString());
        }
        return a.compareTo(b);
    }

    private static @Nullable Comparable<?> sortValue(String key, RunSummary run) {
        return switch (key) {
            case PROJECT -> run.project();
            case NAME -> run.name();
            case STATUS -> run.status().name();
            // A diverged run has no current loss to rank.
            case LAST_LOSS -> run.lossNonFiniteSince() != null ? null : run.lastFiniteLoss();
            case MIN_LOSS -> run.minLoss();
            case IMPROVEMENT -> run.improvementFromFirst();
            case POINTS -> run.pointCount();
            case DURATION -> Duration.between(run.createdAt(), run.updatedAt());
            case UPDATED -> run.updatedAt();
            case TAGS -> run.tags().isEmpty() ? null : String.join(", ", run.tags());
            default -> {
                Object v = key.startsWith(PARAMS) ? run.params().get(key.substring(PARAMS.length())) : null;
                yield v instanceof Number n ? (Comparable<?>) Double.valueOf(n.doubleValue())
                        : v == null ? null : String.valueOf(v);
            }
        };
    }

    static List<String> paramColumns(List<RunSummary> runs) {
        return runs.stream().flatMap(r -> r.params().keySet().stream()).distinct().sorted().map(p -> PARAMS + p).toList();
    }
}
