package dev.descent.run;

import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RunFilterTest {

    private static RunSummary named(String name) {
        return new RunSummary(1, "p", name, RunStatus.RUNNING, Map.of(), List.of(), Instant.EPOCH, Instant.EPOCH, 0, null, null, null, null, null, null, null, null);
    }

    @Test
    void a_catastrophic_pattern_runs_in_linear_time() {
        // With java.util.regex this backtracks exponentially: 2^40 paths for 40 characters, a thread lost for good.
        RunSummary run = named("a".repeat(40));
        var matches = new RunFilter("/((a*)*)*x/", null, null, null).predicate();
        var longer = named("a".repeat(250));

        boolean[] found = new boolean[2];
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            found[0] = matches.test(run);
            found[1] = matches.test(longer);
        });
        assertThat(found).containsExactly(false, false);
        assertThat(new RunFilter("/((a*)*)*$/", null, null, null).predicate().test(run)).isTrue();
    }

    @Test
    void patterns_re2_cannot_run_are_reported_as_invalid() {
        assertThatThrownBy(() -> new RunFilter("/(a)\\1/", null, null, null).predicate())
                .isInstanceOf(RunFilter.InvalidRegex.class).hasMessageContaining("no backreferences");
    }

    private static RunSummary withParams(Map<String, Object> params) {
        return new RunSummary(1, "p", "r", RunStatus.RUNNING, params, List.of(), Instant.EPOCH, Instant.EPOCH, 0, null,
                null, null, null, null, null, null, null);
    }

    @Test
    void parameter_conditions_compare_numbers_by_value_and_text_ignoring_case() {
        RunSummary adam = withParams(Map.of("lr", 0.001, "optimizer", "Adam", "layers", 12));
        RunSummary sgd = withParams(Map.of("lr", 0.01, "optimizer", "sgd"));

        var lr = new RunFilter("", null, null, null, "lr=1e-3").predicate();
        assertThat(lr.test(adam)).isTrue();
        assertThat(lr.test(sgd)).isFalse();
        var both = new RunFilter("", null, null, null, " optimizer = adam , layers=12").predicate();
        assertThat(both.test(adam)).isTrue();
        assertThat(both.test(sgd)).as("a run without the parameter does not match").isFalse();
        assertThatThrownBy(() -> new RunFilter("", null, null, null, "lr").predicate())
                .isInstanceOf(RunFilter.InvalidRegex.class).hasMessageContaining("name=value");
    }
}
