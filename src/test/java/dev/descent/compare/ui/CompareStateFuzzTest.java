package dev.descent.compare.ui;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.vaadin.flow.router.QueryParameters;
import dev.descent.run.RunFilter;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of what a viewer types or links: the comparison's URL state and the run
 * filter (substring or RE2 regex). Any query string gives a usable state; any filter text either filters or is
 * reported as an invalid regex.
 */
class CompareStateFuzzTest {

    private static final RunSummary RUN = new RunSummary(1, "vision", "resnet50-lr3e-4", RunStatus.RUNNING,
            Map.of(), List.of("baseline"), Instant.EPOCH, Instant.EPOCH, 0, null, null, null, null, null, null, null, null);

    @FuzzTest(maxDuration = "10s")
    void any_link_and_any_filter_text_give_a_usable_view(FuzzedDataProvider data) {
        String filter = data.consumeString(300);
        String query = data.consumeRemainingAsString();

        CompareState state;
        try {
            state = CompareState.fromQuery(QueryParameters.fromString(query));
        } catch (IllegalArgumentException notAQuery) {
            return; // Vaadin refuses to decode it: the router answers before the view is involved
        }
        assertThat(state.smoothing().weight()).isBetween(0.0, 0.99);
        assertThat(CompareState.fromQuery(state.toQuery())).as("the URL round-trips").isEqualTo(state);

        try {
            new RunFilter(filter, null, null, null).predicate().test(RUN);
        } catch (RunFilter.InvalidRegex invalid) {
            assertThat(invalid.getMessage()).startsWith("Invalid regular expression");
        }
    }
}
