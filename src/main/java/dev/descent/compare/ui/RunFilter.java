package dev.descent.compare.ui;

import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which runs the picker lists: text (a plain substring, case-insensitive, or {@code /regex/} matched
 * anywhere in the name), project, status and tag. An invalid regex is reported, not thrown.
 */
record RunFilter(String text, @Nullable String project, @Nullable RunStatus status, @Nullable String tag) {

    static final RunFilter ALL = new RunFilter("", null, null, null);

    /** Thrown for an unreadable regex; its message is shown next to the filter field. */
    static final class InvalidRegex extends RuntimeException {
        InvalidRegex(String message) {
            super(message);
        }
    }

    Predicate<RunSummary> predicate() {
        Predicate<RunSummary> name = nameMatcher();
        return run -> name.test(run)
                && (project == null || project.equals(run.project()))
                && (status == null || status == run.status())
                && (tag == null || run.tags().contains(tag));
    }

    private Predicate<RunSummary> nameMatcher() {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("/") && t.endsWith("/")) {
            try {
                Pattern pattern = Pattern.compile(t.substring(1, t.length() - 1));
                return run -> pattern.matcher(run.name()).find();
            } catch (PatternSyntaxException e) {
                throw new InvalidRegex("Invalid regular expression: " + e.getDescription());
            }
        }
        String needle = t.toLowerCase(Locale.ROOT);
        return run -> needle.isEmpty() || run.name().toLowerCase(Locale.ROOT).contains(needle);
    }
}
