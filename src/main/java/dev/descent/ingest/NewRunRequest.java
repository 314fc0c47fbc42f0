package dev.descent.ingest;

import dev.descent.base.VisibleText;
import dev.descent.run.RunService;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/runs}, checked: {@code project} (default "default", ≤ 200 characters),
 * {@code name} (required, ≤ 250), {@code params} (an object, ≤ 100,000 characters as JSON) and {@code tags}
 * (≤ 100 strings of ≤ 100 characters). Names refuse control and invisible formatting characters. Every
 * problem is reported at once, naming its field.
 */
record NewRunRequest(String project, String name, Map<String, Object> params, Set<String> tags) {

    /** The params column holds 100,000 characters; longer params were a 500 (issue 11). */
    static final int MAX_PARAMS_CHARS = RunService.MAX_PARAMS_CHARS;
    static final int MAX_TAGS = 100;
    static final int MAX_TAG_LENGTH = 100;

    static NewRunRequest parse(JsonNode body, JsonMapper json) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest(List.of("body: must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        String project = text(body, "project", 200, errors, "default");
        String name = text(body, "name", 250, errors, null);
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode paramsNode = body.get("params");
        if (!JsonNumbers.absent(paramsNode)) {
            if (paramsNode.isObject()) {
                params = json.convertValue(paramsNode, json.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class));
                int length = json.writeValueAsString(params).length();
                if (length > MAX_PARAMS_CHARS) {
                    errors.add("params: at most " + MAX_PARAMS_CHARS + " characters as JSON, got " + length);
                }
            } else {
                errors.add("params: must be an object");
            }
        }
        JsonNode tagsNode = body.get("tags");
        Set<String> tags = JsonNumbers.absent(tagsNode) ? new LinkedHashSet<>() : tags(tagsNode, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors);
        }
        return new NewRunRequest(Objects.requireNonNull(project), Objects.requireNonNull(name), params, tags);
    }

    /** At most {@link #MAX_TAGS} visible names of at most {@link #MAX_TAG_LENGTH} characters; problems go to errors. */
    static Set<String> tags(JsonNode tagsNode, List<String> errors) {
        Set<String> tags = new LinkedHashSet<>();
        if (!tagsNode.isArray()) {
            errors.add("tags: must be an array of strings");
        } else if (tagsNode.size() > MAX_TAGS) {
            errors.add("tags: at most " + MAX_TAGS + " tags per run, got " + tagsNode.size());
        } else {
            for (int i = 0; i < tagsNode.size(); i++) {
                String tag = visibleName(tagsNode.get(i), "tags[" + i + "]", MAX_TAG_LENGTH, errors);
                if (tag != null) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }

    private static @Nullable String text(JsonNode body, String field, int maxLength, List<String> errors,
                                         @Nullable String fallback) {
        JsonNode node = body.get(field);
        if (JsonNumbers.absent(node)) {
            if (fallback == null) {
                errors.add(field + ": required, a non-blank string of at most " + maxLength + " characters");
            }
            return fallback;
        }
        String value = visibleName(node, field, maxLength, errors);
        return value == null ? fallback : value;
    }

    /** The stripped text, or null after adding the field's problem to {@code errors}. */
    private static @Nullable String visibleName(JsonNode node, String field, int maxLength, List<String> errors) {
        if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > maxLength
                || node.stringValue().chars().anyMatch(Character::isISOControl)) {
            errors.add(field + ": must be a non-blank string of at most " + maxLength
                    + " characters without control characters");
            return null;
        }
        var invisible = VisibleText.firstInvisible(node.stringValue());
        if (invisible.isPresent()) {
            errors.add(field + ": " + VisibleText.RULE + "; found " + invisible.get());
            return null;
        }
        return node.stringValue().strip();
    }
}
