package dev.descent.ingest;

import dev.descent.metrics.Estimator;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.MetricsOptions;
import dev.descent.plot.Smoothing;
import dev.descent.run.NewPoint;
import dev.descent.run.ResumedRun;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** REST API v1: runs and their points. Paths and field names are a contract (see docs/api.md). */
@RestController
@RequestMapping(path = "/api/v1/runs", produces = MediaType.APPLICATION_JSON_VALUE)
class RunsApi {

    static final int MAX_READ_POINTS = 1_000_000;

    private final RunService runs;
    private final JsonMapper json;
    private final Clock clock;
    private final ReadLimits readLimits;

    RunsApi(RunService runs, JsonMapper json, Clock clock, ReadLimits readLimits) {
        this.runs = runs;
        this.json = json;
        this.clock = clock;
        this.readLimits = readLimits;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiJson.Run> createOrResume(@RequestBody JsonNode body) {
        NewRunRequest request = NewRunRequest.parse(body, json);
        ResumedRun result = runs.createOrResume(request.project(), request.name(), request.params(), request.tags());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiJson.Run.of(result.run()));
    }

    @GetMapping
    List<ApiJson.Run> list(@RequestParam(required = false) @Nullable String project,
                           @RequestParam(required = false) @Nullable String status) {
        return runs.list(project, status == null ? null : status(status, "status")).stream()
                .map(ApiJson.Run::of).toList();
    }

    @GetMapping("/{runId}")
    ApiJson.Run get(@PathVariable long runId) {
        return ApiJson.Run.of(runs.get(runId));
    }

    @PatchMapping(path = "/{runId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiJson.Run edit(@PathVariable long runId, @RequestBody JsonNode body) {
        try {
            return ApiJson.Run.of(runs.edit(runId, RunEditRequest.parse(body, json)));
        } catch (IllegalArgumentException e) {
            // Limits only known once merged with what the run has (params).
            throw ApiProblem.badRequest(List.of(String.valueOf(e.getMessage())));
        }
    }

    @PostMapping(path = "/{runId}/points", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiJson.Accepted append(@PathVariable long runId, InputStream body) {
        List<NewPoint> points;
        try (JsonParser parser = json.createParser(body)) {
            points = PointsParser.parse(parser, clock.millis());
        }
        var result = runs.append(runId, points);
        return new ApiJson.Accepted(result.accepted(), result.duplicates());
    }

    @DeleteMapping("/{runId}/points")
    ApiJson.Deleted clearHistory(@PathVariable long runId) {
        return new ApiJson.Deleted(runId, runs.clearHistory(runId));
    }

    @GetMapping("/{runId}/metrics")
    LossMetrics metrics(@PathVariable long runId,
                        @RequestParam(defaultValue = RunService.LOSS) String series,
                        @RequestParam(defaultValue = "10") int window,
                        @RequestParam(defaultValue = "0.01") double targetLoss,
                        @RequestParam(required = false) @Nullable String estimator) {
        checkSeriesName(series, "series");
        if (window < 2 || window > 100_000) {
            throw ApiProblem.badRequest(List.of("window: must be an integer from 2 to 100000"));
        }
        if (!Double.isFinite(targetLoss)) {
            throw ApiProblem.badRequest(List.of("targetLoss: must be a finite number"));
        }
        Estimator chosen = estimator == null ? MetricsOptions.DEFAULTS.estimator() : Estimator.parse(estimator)
                .orElseThrow(() -> ApiProblem.badRequest(List.of("estimator: must be LINEAR, LOG_LINEAR or POWER_LAW")));
        try (ReadLimits.Permit permit = readLimits.admitMetrics()) {
            SeriesData data = runs.readSeries(runId, series);
            return LossMetrics.compute(data.iterations(), data.epochs(), data.values(),
                    new MetricsOptions(window, targetLoss, chosen));
        }
    }

    @GetMapping(path = "/{runId}/points", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    void points(@PathVariable long runId,
                @RequestParam(required = false) @Nullable List<String> series,
                @RequestParam(defaultValue = "0") long fromIteration,
                @RequestParam(defaultValue = "" + Long.MAX_VALUE) long toIteration,
                @RequestParam(defaultValue = "2000") int maxPoints,
                @RequestParam(required = false) @Nullable Double smoothing,
                @RequestParam(required = false) @Nullable String format,
                HttpServletResponse response) throws IOException {
        List<String> errors = new ArrayList<>();
        if (fromIteration < 0) {
            errors.add("fromIteration: must be an integer >= 0");
        }
        if (toIteration < fromIteration) {
            errors.add("toIteration: must be >= fromIteration");
        }
        if (maxPoints < 4 || maxPoints > MAX_READ_POINTS) {
            errors.add("maxPoints: must be an integer from 4 to " + MAX_READ_POINTS);
        }
        if (smoothing != null && !Smoothing.isValid(smoothing)) {
            errors.add("smoothing: " + Smoothing.RULE);
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            errors.add("format: must be csv or json");
        }
        List<String> requested = series == null ? List.of() : List.copyOf(new LinkedHashSet<>(series));
        requested.forEach(name -> {
            if (!PointsParser.SERIES_NAME.matcher(name).matches()) {
                errors.add("series: '" + name + "' " + PointsParser.SERIES_NAME_RULE);
            }
        });
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors);
        }
        // Both answer 404 before anything is streamed; only listing all series scans the run's points.
        runs.requireExists(runId);
        List<String> names = requested.isEmpty() ? runs.seriesNames(runId) : requested;
        ReadLimits.check(names.size(), requested.isEmpty(), maxPoints);
        // The shape follows the request (docs/api.md): `series` once gives one object, repeated gives the list.
        boolean single = series != null && series.size() == 1;
        try (ReadLimits.Permit permit = readLimits.admit(names.size(), maxPoints)) {
            SeriesResponses.Source source = name -> SeriesReader.read(runs, runId, name, fromIteration, toIteration,
                    maxPoints, smoothing == null ? null : new Smoothing(smoothing));
            // Validated and admitted: from here on the answer is streamed, one series in memory at a time.
            if ("csv".equals(format)) {
                response.setContentType("text/csv;charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"run-" + runId + "-points.csv\"");
                SeriesResponses.csv(response.getOutputStream(), names, single, source);
            } else {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                SeriesResponses.json(json, response.getOutputStream(), runId, names, single, source);
            }
        }
    }

    private static RunStatus status(String value, String field) {
        try {
            return RunStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(List.of(field + ": must be one of RUNNING, FINISHED, FAILED"));
        }
    }

    private static void checkSeriesName(String name, String field) {
        if (!PointsParser.SERIES_NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest(List.of(field + ": " + PointsParser.SERIES_NAME_RULE));
        }
    }
}
