package dev.descent.compare.ui;

import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.function.Predicate;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Which runs the picker lists: text (a plain substring, case-insensitive, or {@code /regex/} matched
 * anywhere in the name), project, status and tag. An invalid regex is reported, not thrown.
 * <p>
 * Regexes run on RE2/J, in time linear in the name's length whatever the pattern: with java.util.regex, a
 * viewer's {@code /((.*)*)*x/} kept a server thread busy for good (issue 11). RE2 has no backreferences or
 * lookaround; such a pattern is reported as invalid.
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
                throw new InvalidRegex("Invalid regular expression: " + e.getDescription()
                        + " (RE2 syntax: no backreferences or lookaround)");
            }
        }
        String needle = t.toLowerCase(Locale.ROOT);
        return run -> needle.isEmpty() || run.name().toLowerCase(Locale.ROOT).contains(needle);
    }
}
