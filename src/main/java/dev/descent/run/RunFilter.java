package dev.descent.run;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which runs a list shows, the same grammar in the runs table and the comparison's picker: text (a plain
 * substring, case-insensitive, or {@code /regex/} matched anywhere in the name), project, status, tag, and
 * parameter values ({@code lr=0.001, optimizer=adam}; numbers compare as numbers, so {@code 1e-3} finds 0.001).
 * An invalid regex or condition is reported, not thrown at the user.
 * <p>
 * Regexes run on RE2/J, in time linear in the name's length whatever the pattern: with java.util.regex, a
 * viewer's {@code /((.*)*)*x/} kept a server thread busy for good (issue 11). RE2 has no backreferences or
 * lookaround; such a pattern is reported as invalid.
 */
public record RunFilter(String text, @Nullable String project, @Nullable RunStatus status, @Nullable String tag,
                        String params) {

    public static final RunFilter ALL = new RunFilter("", null, null, null, "");
    public static final String PARAMS_RULE = "conditions name=value, separated by commas";

    public RunFilter(String text, @Nullable String project, @Nullable RunStatus status, @Nullable String tag) {
        this(text, project, status, tag, "");
    }

    /** Thrown for an unreadable regex or parameter condition; its message is shown next to the field. */
    public static final class InvalidRegex extends RuntimeException {
        public InvalidRegex(String message) {
            super(message);
        }
    }

    public Predicate<RunSummary> predicate() {
        Predicate<RunSummary> name = nameMatcher();
        Predicate<RunSummary> values = paramsMatcher();
        return run -> name.test(run)
                && (project == null || project.equals(run.project()))
                && (status == null || status == run.status())
                && (tag == null || run.tags().contains(tag))
                && values.test(run);
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

    private Predicate<RunSummary> paramsMatcher() {
        List<Predicate<RunSummary>> conditions = new ArrayList<>();
        for (String condition : params.split(",")) {
            if (condition.isBlank()) {
                continue;
            }
            int eq = condition.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRegex("Parameters: " + PARAMS_RULE + ", got '" + condition.strip() + "'");
            }
            String name = condition.substring(0, eq).strip();
            String wanted = condition.substring(eq + 1).strip();
            conditions.add(run -> run.params().containsKey(name) && sameValue(run.params().get(name), wanted));
        }
        return run -> conditions.stream().allMatch(c -> c.test(run));
    }

    /** A parameter's value as written: numbers by value (0.001 = 1e-3), anything else as text. */
    static boolean sameValue(@Nullable Object value, String wanted) {
        String text = String.valueOf(value);
        if (text.equals(wanted)) {
            return true;
        }
        try {
            return value != null && Double.parseDouble(text) == Double.parseDouble(wanted);
        } catch (NumberFormatException e) {
            return Objects.equals(text.toLowerCase(Locale.ROOT), wanted.toLowerCase(Locale.ROOT));
        }
    }
}
