package dev.descent.plot;

import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunGroupingTest {

    private static RunSummary run(long id, String name, Map<String, Object> params, List<String> tags) {
        return new RunSummary(id, "p", name, RunStatus.RUNNING, params, tags, Instant.EPOCH, Instant.EPOCH, 0, null,
                null, null, null, null, null, null, null);
    }

    private final List<RunSummary> runs = List.of(
            run(1, "resnet-lr1e-3-s1", Map.of("lr", 0.001, "seed", 1, "opt", "adam"), List.of("baseline")),
            run(2, "resnet-lr1e-3-s2", Map.of("lr", 0.001, "seed", 2, "opt", "adam"), List.of("baseline")),
            run(3, "resnet-lr3e-3-s1", Map.of("lr", 0.003, "seed", 1, "opt", "adam"), List.of()),
            run(4, "vit-s1", Map.of("seed", 1), List.of("vit", "baseline")));

    private Map<String, List<Long>> grouped(String spec) {
        Map<String, List<Long>> out = new java.util.LinkedHashMap<>();
        RunGrouping.parse(spec).group(runs).forEach((k, v) -> out.put(k, v.stream().map(RunSummary::id).toList()));
        return out;
    }

    @Test
    void by_a_parameter_all_but_some_a_tag_or_a_name_capture() {
        assertThat(grouped("params.lr")).containsExactly(Map.entry("0.001", List.of(1L, 2L)),
                Map.entry("0.003", List.of(3L)), Map.entry("(none)", List.of(4L)));
        assertThat(grouped("params.*-seed")).containsExactly(Map.entry("lr=0.001, opt=adam", List.of(1L, 2L)),
                Map.entry("lr=0.003, opt=adam", List.of(3L)), Map.entry("(none)", List.of(4L)));
        assertThat(grouped("tag")).containsExactly(Map.entry("baseline", List.of(1L, 2L)),
                Map.entry("(none)", List.of(3L)), Map.entry("baseline, vit", List.of(4L)));
        assertThat(grouped("name:/^(.*)-s\\d+$/")).containsExactly(Map.entry("resnet-lr1e-3", List.of(1L, 2L)),
                Map.entry("resnet-lr3e-3", List.of(3L)), Map.entry("vit", List.of(4L)));
    }

    @Test
    void an_unknown_grouping_or_a_bad_regex_says_the_rule() {
        assertThatThrownBy(() -> RunGrouping.parse("status")).hasMessage("groupBy: " + RunGrouping.RULE);
        assertThatThrownBy(() -> RunGrouping.parse("params.")).hasMessage("groupBy: " + RunGrouping.RULE);
        assertThatThrownBy(() -> RunGrouping.parse("name:/(/")).hasMessageStartingWith("groupBy: not a valid regex");
    }
}
