package dev.descent.compare.ui;

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
        return new RunSummary(1, "p", name, RunStatus.RUNNING, Map.of(), List.of(), Instant.EPOCH, Instant.EPOCH, 0, null, null, null, null, null);
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
}
