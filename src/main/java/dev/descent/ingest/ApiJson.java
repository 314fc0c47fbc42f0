package dev.descent.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.run.RunStatus;
import dev.descent.run.RunSummary;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API (field names are part of the contract). */
final class ApiJson {

    private ApiJson() {
    }

    record Run(long id, String project, String name, RunStatus status, Instant createdAt, Instant updatedAt,
               Map<String, Object> params, List<String> tags, long pointCount, @Nullable Double lastLoss,
               @Nullable Double lastFiniteLoss, @Nullable Long lossNonFiniteSince, @Nullable String notes,
               boolean stalled, @Nullable Instant stalledSince) {

        static Run of(RunSummary r) {
            return new Run(r.id(), r.project(), r.name(), r.status(), r.createdAt(), r.updatedAt(), r.params(),
                    r.tags(), r.pointCount(), r.lastLoss(), r.lastFiniteLoss(), r.lossNonFiniteSince(), r.notes(),
                    r.stalled(), r.stalledSince());
        }
    }

    record Accepted(int accepted, int duplicates) {
    }

    record Deleted(long runId, int deleted) {
    }

    record Point(long iteration, @Nullable Double epoch, double value, long timestamp,
                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double smoothed) {
    }

    record Series(String series, List<Point> points, boolean downsampled, int totalPoints) {
    }

    record SeriesList(long runId, List<Series> series) {
    }
}
