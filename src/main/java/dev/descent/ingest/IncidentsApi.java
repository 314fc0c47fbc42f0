package dev.descent.ingest;

import dev.descent.run.RunService;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/incidents}: what the watchdog detected, newest first, for one run or all. */
@RestController
@RequestMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentsApi {

    /** {@code value} is NaN or ±∞ as a bare literal, like every value of this API. */
    record IncidentJson(long id, String event, long runId, String project, String run, @Nullable String series,
                        @Nullable Long iteration, @Nullable Double value, String text, Instant detectedAt,
                        @Nullable Instant resolvedAt) {

        static IncidentJson of(Incident i) {
            return new IncidentJson(i.id(), i.event().id(), i.runId(), i.project(), i.run(),
                    i.series().isEmpty() ? null : i.series(), i.iteration(), i.value(), i.text(), i.detectedAt(),
                    i.resolvedAt());
        }
    }

    private final Alerts alerts;
    private final RunService runs;

    IncidentsApi(Alerts alerts, RunService runs) {
        this.alerts = alerts;
        this.runs = runs;
    }

    @GetMapping
    List<IncidentJson> list(@RequestParam(required = false) @Nullable Long runId,
                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest(List.of("limit: must be an integer from 1 to 1000"));
        }
        if (runId != null) {
            runs.requireExists(runId);
            return alerts.forRun(runId, limit).stream().map(IncidentJson::of).toList();
        }
        return alerts.recent(limit).stream().map(IncidentJson::of).toList();
    }
}
