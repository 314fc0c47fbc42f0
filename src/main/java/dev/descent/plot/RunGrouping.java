package dev.descent.plot;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.descent.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How runs are grouped (issue 16), written as in {@code groupBy}:
 * <ul>
 *   <li>{@code params.lr}: by one parameter's value;</li>
 *   <li>{@code params.*-seed} (or {@code params.*-seed,run}): by every parameter but those, the usual "same
 *       config, different seeds";</li>
 *   <li>{@code tag}: by the run's tags;</li>
 *   <li>{@code name:/-s\d+$/} or with a group {@code name:/^(.*)-seed/}: by what the regex finds in the name (its
 *       first group when it has one).</li>
 * </ul>
 * A run without the parameter, tag or match goes to a group of its own kind ({@code (none)}).
 * <p>
 * The regex runs on RE2/J, in time linear in the name whatever the pattern, like the run filter's (issue 11): with
 * java.util.regex, {@code name:/((.*)*)*x/} in a URL could keep a server thread busy for good.
 */
public final class RunGrouping {

    public static final String RULE = "must be params.<name>, params.*-<name>[,<name>…], tag, or name:/<regex>/";
    static final String NONE = "(none)";

    private final String spec;
    private final Function<RunSummary, String> key;

    private RunGrouping(String spec, Function<RunSummary, String> key) {
        this.spec = spec;
        this.key = key;
    }

    /** @throws IllegalArgumentException with the rule, or the regex's problem, in its message */
    public static RunGrouping parse(String spec) {
        if (spec.startsWith("params.*-") && spec.length() > "params.*-".length()) {
            List<String> except = List.of(spec.substring("params.*-".length()).split(","));
            return new RunGrouping(spec, run -> {
                Map<String, Object> rest = new TreeMap<>(run.params());
                except.forEach(rest::remove);
                return rest.isEmpty() ? NONE : rest.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse(NONE);
            });
        }
        if (spec.startsWith("params.") && spec.length() > "params.".length() && !spec.contains("*")) {
            String name = spec.substring("params.".length());
            return new RunGrouping(spec, run -> run.params().containsKey(name)
                    ? String.valueOf(run.params().get(name)) : NONE);
        }
        if (spec.equals("tag")) {
            return new RunGrouping(spec, run -> run.tags().isEmpty() ? NONE : String.join(", ", new TreeSet<>(run.tags())));
        }
        if (spec.startsWith("name:/") && spec.endsWith("/") && spec.length() > "name://".length()) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(spec.substring("name:/".length(), spec.length() - 1));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("groupBy: not a valid regex (RE2 syntax: no backreferences or "
                        + "lookaround): " + e.getDescription());
            }
            return new RunGrouping(spec, run -> {
                Matcher m = pattern.matcher(run.name());
                if (!m.find()) {
                    return NONE;
                }
                return m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
            });
        }
        throw new IllegalArgumentException("groupBy: " + RULE);
    }

    public String keyOf(RunSummary run) {
        return key.apply(run);
    }

    /** The runs by group key, groups and members in the order of {@code runs}. */
    public Map<String, List<RunSummary>> group(List<RunSummary> runs) {
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            groups.computeIfAbsent(keyOf(run), k -> new ArrayList<>()).add(run);
        }
        return groups;
    }

    @Override
    public String toString() {
        return spec;
    }
}
