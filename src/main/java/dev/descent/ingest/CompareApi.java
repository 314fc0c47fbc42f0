package dev.descent.ingest;

import dev.descent.plot.GroupBand;
import dev.descent.plot.RunGrouping;
import dev.descent.plot.Smoothing;
import dev.descent.run.RunService;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** REST API v1: runs compared as groups (docs/api.md). */
@RestController
@RequestMapping(path = "/api/v1/compare", produces = MediaType.APPLICATION_JSON_VALUE)
class CompareApi {

    static final int MAX_RUNS = 100;

    private final RunService runs;
    private final ReadLimits readLimits;

    CompareApi(RunService runs, ReadLimits readLimits) {
        this.runs = runs;
        this.readLimits = readLimits;
    }

    record Groups(List<Group> groups) {
    }

    record Group(String key, List<Long> runs, List<BandPoint> points) {
    }

    /** @param std null when only one member logged the iteration */
    record BandPoint(long iteration, double mean, @Nullable Double std, double min, double max, int n) {
        static BandPoint of(GroupBand.Point p) {
            return new BandPoint(p.iteration(), p.mean(), Double.isNaN(p.std()) ? null : p.std(), p.min(), p.max(), p.n());
        }
    }

    @GetMapping("/groups")
    Groups groups(@RequestParam("runs") String runIds, @RequestParam String groupBy,
                  @RequestParam(defaultValue = RunService.LOSS) String series,
                  @RequestParam(required = false) @Nullable Double smoothing,
                  @RequestParam(defaultValue = "2000") int maxPoints) {
        List<String> errors = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String id : runIds.split(",")) {
            try {
                long parsed = Long.parseLong(id.strip());
                if (!ids.contains(parsed)) {
                    ids.add(parsed);
                }
            } catch (NumberFormatException e) {
                errors.add("runs: must be run ids separated by commas, got '" + id.strip() + "'");
            }
        }
        if (ids.size() > MAX_RUNS) {
            errors.add("runs: at most " + MAX_RUNS + " runs, got " + ids.size());
        }
        RunGrouping grouping = null;
        try {
            grouping = RunGrouping.parse(groupBy);
        } catch (IllegalArgumentException e) {
            errors.add(String.valueOf(e.getMessage()));
        }
        if (!PointsParser.SERIES_NAME.matcher(series).matches()) {
            errors.add("series: " + PointsParser.SERIES_NAME_RULE);
        }
        if (smoothing != null && !Smoothing.isValid(smoothing)) {
            errors.add("smoothing: " + Smoothing.RULE);
        }
        if (maxPoints < 4 || maxPoints > 100_000) {
            errors.add("maxPoints: must be an integer from 4 to 100000");
        }
        List<RunSummary> found = new ArrayList<>();
        for (long id : ids) {
            this.runs.find(id).ifPresentOrElse(found::add, () -> errors.add("runs: no run " + id));
        }
        if (!errors.isEmpty() || grouping == null) {
            throw ApiProblem.badRequest(errors);
        }
        Smoothing smooth = smoothing == null ? Smoothing.OFF : new Smoothing(smoothing);
        List<Group> groups = new ArrayList<>();
        try (ReadLimits.Permit permit = readLimits.admit(found.size(), maxPoints)) {
            for (Map.Entry<String, List<RunSummary>> group : grouping.group(found).entrySet()) {
                List<RunSummary> members = group.getValue();
                List<SeriesData> data = members.stream().map(r -> this.runs.readSeries(r.id(), series)).toList();
                List<GroupBand.Point> band = GroupBand.downsample(GroupBand.ofMembers(data, smooth, 0, Long.MAX_VALUE), maxPoints);
                groups.add(new Group(group.getKey(), members.stream().map(RunSummary::id).toList(),
                        band.stream().map(BandPoint::of).toList()));
            }
        }
        return new Groups(groups);
    }
}
