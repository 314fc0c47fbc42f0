package dev.descent.ingest;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a points request ({@code {"points": [{"iteration", "epoch", "loss", "timestamp", "metrics"}]}}) into
 * points, or refuses the whole batch with every problem found, each naming its field and rule.
 */
final class PointsParser {

    static final int MAX_POINTS = 10_000;
    static final Pattern SERIES_NAME = Pattern.compile("[A-Za-z0-9_.\\-/ ]{1,250}");
    private static final int MAX_REPORTED_ERRORS = 50;

    private PointsParser() {
    }

    static List<NewPoint> parse(JsonNode body, long now) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest(List.of("body: must be a JSON object with a \"points\" array"));
        }
        JsonNode points = body.get("points");
        if (points == null || !points.isArray()) {
            throw ApiProblem.badRequest(List.of("points: required, must be an array"));
        }
        if (points.size() > MAX_POINTS) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "points: at most " + MAX_POINTS
                    + " points per request, got " + points.size() + "; send them in several batches");
        }
        List<String> errors = new ArrayList<>();
        List<NewPoint> parsed = new ArrayList<>(points.size() * 2);
        for (int i = 0; i < points.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            parsePoint(points.get(i), "points[" + i + "]", now, parsed, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors);
        }
        return parsed;
    }

    private static void parsePoint(JsonNode point, String path, long now, List<NewPoint> out, List<String> errors) {
        if (!point.isObject()) {
            errors.add(path + ": must be an object");
            return;
        }
        int before = errors.size();
        JsonNode iterationNode = point.get("iteration");
        Long iteration = null;
        if (JsonNumbers.absent(iterationNode)) {
            errors.add(path + ".iteration: required, must be an integer >= 0");
        } else {
            iteration = JsonNumbers.wholeNonNegative(iterationNode);
            if (iteration == null) {
                errors.add(path + ".iteration: must be an integer >= 0");
            }
        }
        Double epoch = null;
        JsonNode epochNode = point.get("epoch");
        if (!JsonNumbers.absent(epochNode)) {
            epoch = epochNode.isNumber() ? epochNode.doubleValue() : null;
            if (epoch == null || !Double.isFinite(epoch) || epoch < 0) {
                errors.add(path + ".epoch: must be a finite number >= 0");
            }
        }
        long timestamp = now;
        JsonNode timestampNode = point.get("timestamp");
        if (!JsonNumbers.absent(timestampNode)) {
            Long t = JsonNumbers.wholeNonNegative(timestampNode);
            if (t == null) {
                errors.add(path + ".timestamp: must be epoch milliseconds, an integer >= 0");
            } else {
                timestamp = t;
            }
        }
        List<Map.Entry<String, Double>> values = new ArrayList<>();
        JsonNode lossNode = point.get("loss");
        if (!JsonNumbers.absent(lossNode)) {
            Double loss = JsonNumbers.lossValue(lossNode);
            if (loss == null) {
                errors.add(path + ".loss: must be a number (NaN, Infinity and -Infinity allowed)");
            } else {
                values.add(Map.entry(RunService.LOSS, loss));
            }
        }
        JsonNode metrics = point.get("metrics");
        if (!JsonNumbers.absent(metrics)) {
            if (!metrics.isObject()) {
                errors.add(path + ".metrics: must be an object of series name to number");
            } else {
                for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
                    String name = metric.getKey();
                    String field = path + ".metrics." + name;
                    if (!SERIES_NAME.matcher(name).matches()) {
                        errors.add(path + ".metrics: series name '" + abbreviate(name)
                                + "' must match [A-Za-z0-9_.\\-/ ]{1,250}");
                    } else if (name.equals(RunService.LOSS) && !JsonNumbers.absent(lossNode)) {
                        errors.add(field + ": duplicates the point's loss field; send it once");
                    } else if (!JsonNumbers.absent(metric.getValue())) {
                        Double value = JsonNumbers.lossValue(metric.getValue());
                        if (value == null) {
                            errors.add(field + ": must be a number (NaN, Infinity and -Infinity allowed)");
                        } else {
                            values.add(Map.entry(name, value));
                        }
                    }
                }
            }
        }
        if (values.isEmpty() && errors.size() == before) {
            errors.add(path + ": needs a loss or at least one entry in metrics");
        }
        if (errors.size() == before && iteration != null) {
            for (Map.Entry<String, Double> value : values) {
                out.add(new NewPoint(value.getKey(), iteration, epoch, value.getValue(), timestamp));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
