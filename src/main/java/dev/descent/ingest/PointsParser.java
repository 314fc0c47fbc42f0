package dev.descent.ingest;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a points request ({@code {"points": [{"iteration", "epoch", "loss", "timestamp", "metrics"}]}}) into
 * points, or refuses the whole batch with every problem found, each naming its field and rule.
 * <p>
 * It reads the body as a stream of tokens instead of a tree: a 5 MB batch would otherwise become tens of MB of
 * nodes per request, and building them was about a tenth of the ingest path's time (docs/performance.md).
 * The whole body is always read before any refusal, so malformed JSON is reported as such wherever it is.
 */
final class PointsParser {

    static final int MAX_POINTS = 10_000;
    /**
     * Values (a loss or a metric each) per request: the point limit alone let one point with 100,000 metrics
     * create 100,000 series (issue 11).
     */
    static final int MAX_VALUES = 100_000;
    static final Pattern SERIES_NAME = Pattern.compile("[A-Za-z0-9_.\\-/ ]{1,250}");
    /** The rule as error messages state it. */
    static final String SERIES_NAME_RULE = "must match " + SERIES_NAME.pattern();
    private static final int MAX_REPORTED_ERRORS = 50;
    private static final String NOT_AN_OBJECT = "body: must be a JSON object with a \"points\" array";
    private static final String NOT_AN_ARRAY = "points: required, must be an array";

    private PointsParser() {
    }

    /** Reads a whole request body; the parser is left at its end. */
    static List<NewPoint> parse(JsonParser in, long now) {
        try {
            return read(in, now);
        } catch (JacksonException e) {
            throw ApiProblem.unreadableBody(e.getCause(), e.getOriginalMessage());
        }
    }

    private static List<NewPoint> read(JsonParser in, long now) {
        JsonToken first = in.nextToken();
        if (first != JsonToken.START_OBJECT) {
            in.skipChildren();
            requireEnd(in);
            throw ApiProblem.badRequest(List.of(NOT_AN_OBJECT));
        }
        @Nullable Batch batch = null;
        for (String name = in.nextName(); name != null; name = in.nextName()) {
            JsonToken value = in.nextToken();
            if (!name.equals("points")) {
                in.skipChildren();
                continue;
            }
            // A repeated "points" key counts once, the last one, as in a JSON object read as a whole.
            batch = value == JsonToken.START_ARRAY ? readPoints(in, now) : null;
            if (batch == null) {
                in.skipChildren();
            }
        }
        requireEnd(in);
        if (batch == null) {
            throw ApiProblem.badRequest(List.of(NOT_AN_ARRAY));
        }
        if (batch.count > MAX_POINTS) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "points: at most " + MAX_POINTS
                    + " points per request, got " + batch.count + "; send them in several batches");
        }
        if (batch.values > MAX_VALUES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "points: at most " + MAX_VALUES
                    + " values (losses and metrics) per request, this one has more; send them in several batches");
        }
        if (!batch.errors.isEmpty()) {
            throw ApiProblem.badRequest(batch.errors);
        }
        return batch.points;
    }

    private record Batch(List<NewPoint> points, List<String> errors, int count, long values) {
    }

    private static Batch readPoints(JsonParser in, long now) {
        List<String> errors = new ArrayList<>();
        List<NewPoint> points = new ArrayList<>();
        int count = 0;
        long[] values = {0};
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            if (count < MAX_POINTS && errors.size() < MAX_REPORTED_ERRORS && values[0] <= MAX_VALUES) {
                readPoint(in, token, "points[" + count + "]", now, points, errors, values);
            } else {
                in.skipChildren();
            }
            count++;
        }
        return new Batch(points, errors, count, values[0]);
    }

    private static void requireEnd(JsonParser in) {
        if (in.nextToken() != null) {
            throw ApiProblem.unreadableBody(null, "unexpected content after the object");
        }
    }

    private static void readPoint(JsonParser in, JsonToken token, String path, long now, List<NewPoint> out,
                                  List<String> errors, long[] valueCount) {
        if (token != JsonToken.START_OBJECT) {
            in.skipChildren();
            errors.add(path + ": must be an object");
            return;
        }
        Scalar iterationField = null;
        Scalar epochField = null;
        Scalar timestampField = null;
        Scalar lossField = null;
        Scalar metricsField = null;
        Map<String, Scalar> metrics = null;
        for (String name = in.nextName(); name != null; name = in.nextName()) {
            JsonToken value = in.nextToken();
            switch (name) {
                case "iteration" -> iterationField = Scalar.read(in, value);
                case "epoch" -> epochField = Scalar.read(in, value);
                case "timestamp" -> timestampField = Scalar.read(in, value);
                case "loss" -> lossField = Scalar.read(in, value);
                case "metrics" -> {
                    metrics = value == JsonToken.START_OBJECT ? readMetrics(in) : null;
                    metricsField = metrics != null ? Scalar.OBJECT : Scalar.read(in, value);
                }
                default -> in.skipChildren();
            }
        }

        int before = errors.size();
        Long iteration = null;
        if (iterationField == null || iterationField.isNull()) {
            errors.add(path + ".iteration: required, must be an integer >= 0");
        } else {
            iteration = iterationField.wholeNonNegative();
            if (iteration == null) {
                errors.add(path + ".iteration: must be an integer >= 0");
            }
        }
        Double epoch = null;
        if (epochField != null && !epochField.isNull()) {
            epoch = epochField.isNumber() ? epochField.number : null;
            if (epoch == null || !Double.isFinite(epoch) || epoch < 0) {
                errors.add(path + ".epoch: must be a finite number >= 0");
            }
        }
        long timestamp = now;
        if (timestampField != null && !timestampField.isNull()) {
            Long t = timestampField.wholeNonNegative();
            if (t == null) {
                errors.add(path + ".timestamp: must be epoch milliseconds, an integer >= 0");
            } else {
                timestamp = t;
            }
        }
        List<Map.Entry<String, Double>> values = new ArrayList<>(1);
        boolean hasLoss = lossField != null && !lossField.isNull();
        if (lossField != null && hasLoss) {
            Double loss = lossField.lossValue();
            if (loss == null) {
                errors.add(path + ".loss: must be a number (NaN, Infinity and -Infinity allowed)");
            } else {
                values.add(Map.entry(RunService.LOSS, loss));
            }
        }
        if (!Scalar.absent(metricsField)) {
            if (metrics == null) {
                errors.add(path + ".metrics: must be an object of series name to number");
            } else {
                for (Map.Entry<String, Scalar> metric : metrics.entrySet()) {
                    String name = metric.getKey();
                    String field = path + ".metrics." + name;
                    if (!SERIES_NAME.matcher(name).matches()) {
                        errors.add(path + ".metrics: series name '" + abbreviate(name)
                                + "' " + SERIES_NAME_RULE);
                    } else if (name.equals(RunService.LOSS) && hasLoss) {
                        errors.add(field + ": duplicates the point's loss field; send it once");
                    } else if (!Scalar.absent(metric.getValue())) {
                        Double value = metric.getValue().lossValue();
                        if (value == null) {
                            errors.add(field + ": must be a number (NaN, Infinity and -Infinity allowed)");
                        } else {
                            values.add(Map.entry(name, value));
                        }
                    }
                }
            }
        }
        valueCount[0] += values.size();
        if (values.isEmpty() && errors.size() == before) {
            errors.add(path + ": needs a loss or at least one entry in metrics");
        }
        if (errors.size() == before && iteration != null) {
            for (Map.Entry<String, Double> value : values) {
                out.add(new NewPoint(value.getKey(), iteration, epoch, value.getValue(), timestamp));
            }
        }
    }

    private static Map<String, Scalar> readMetrics(JsonParser in) {
        Map<String, Scalar> metrics = new LinkedHashMap<>();
        for (String name = in.nextName(); name != null; name = in.nextName()) {
            metrics.put(name, Scalar.read(in, in.nextToken()));
        }
        return metrics;
    }

    /**
     * One field's value as the rules need it: what kind of JSON value it was and, for numbers, the number.
     * Objects and arrays are skipped and only remembered as such.
     */
    private record Scalar(Kind kind, long whole, double number, @Nullable String text) {

        enum Kind { NULL, INTEGER, BIG_INTEGER, FLOAT, STRING, OTHER }

        static final Scalar NULL = new Scalar(Kind.NULL, 0, 0, null);
        static final Scalar OBJECT = new Scalar(Kind.OTHER, 0, 0, null);
        private static final Scalar OTHER = new Scalar(Kind.OTHER, 0, 0, null);

        static Scalar read(JsonParser in, JsonToken token) {
            return switch (token) {
                case VALUE_NULL -> NULL;
                case VALUE_NUMBER_INT -> switch (in.getNumberType()) {
                    case INT, LONG -> {
                        long whole = in.getLongValue();
                        yield new Scalar(Kind.INTEGER, whole, whole, null);
                    }
                    default -> new Scalar(Kind.BIG_INTEGER, 0, in.getDoubleValue(), null);
                };
                case VALUE_NUMBER_FLOAT -> new Scalar(Kind.FLOAT, 0, in.getDoubleValue(), null);
                case VALUE_STRING -> new Scalar(Kind.STRING, 0, 0, in.getString());
                default -> {
                    in.skipChildren();
                    yield OTHER;
                }
            };
        }

        static boolean absent(@Nullable Scalar value) {
            return value == null || value.isNull();
        }

        /** JSON null: treated like a missing field. */
        boolean isNull() {
            return kind == Kind.NULL;
        }

        boolean isNumber() {
            return kind == Kind.INTEGER || kind == Kind.BIG_INTEGER || kind == Kind.FLOAT;
        }

        /** A number, or one of the non-finite literals' string forms; null otherwise. */
        @Nullable Double lossValue() {
            if (isNumber()) {
                return number;
            }
            if (kind == Kind.STRING && text != null) {
                return switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> null;
                };
            }
            return null;
        }

        /** A non-negative whole number (120 or 120.0), or null. */
        @Nullable Long wholeNonNegative() {
            return switch (kind) {
                case INTEGER -> whole >= 0 ? whole : null;
                case FLOAT -> number >= 0 && number <= 9.007199254740992E15 && number == Math.rint(number)
                        ? (long) number : null;
                default -> null;
            };
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
