package dev.descent.ingest;

import dev.descent.base.VisibleText;
import dev.descent.run.RunEdit;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code PATCH /api/v1/runs/{id}}: any of {@code status}, {@code tags} (replaced), {@code notes}
 * (at most 10,000 characters; {@code ""} or null clears them), {@code params} (merged; a key set to null is
 * removed). Anything else, or a wrong type, is a 400 naming the field.
 */
final class RunEditRequest {

    static final List<String> FIELDS = List.of("status", "tags", "notes", "params");

    private RunEditRequest() {
    }

    static RunEdit parse(JsonNode body, JsonMapper json) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest(List.of("body: must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(field + ": unknown field; a run can be changed in " + String.join(", ", FIELDS));
            }
        }
        if (body.isEmpty()) {
            errors.add("body: give at least one of " + String.join(", ", FIELDS));
        }
        RunStatus status = null;
        JsonNode statusNode = body.get("status");
        if (statusNode != null) {
            status = status(statusNode, errors);
        }
        Set<String> tags = body.has("tags") ? NewRunRequest.tags(body.get("tags"), errors) : null;
        String notes = body.has("notes") ? notes(body.get("notes"), errors) : null;
        Map<String, @Nullable Object> params = null;
        JsonNode paramsNode = body.get("params");
        if (paramsNode != null) {
            if (paramsNode.isObject()) {
                params = json.convertValue(paramsNode, json.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class));
            } else {
                errors.add("params: must be an object (keys set to null are removed)");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors);
        }
        return new RunEdit(status, tags, notes, params);
    }

    private static @Nullable RunStatus status(JsonNode node, List<String> errors) {
        if (node.isString()) {
            try {
                return RunStatus.valueOf(node.stringValue().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add("status: must be one of RUNNING, FINISHED, FAILED");
        return null;
    }

    /** Multi-line text: line breaks and tabs, but no other control character and nothing invisible. */
    private static @Nullable String notes(JsonNode node, List<String> errors) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            errors.add("notes: must be a string of at most " + RunService.MAX_NOTES_CHARS + " characters");
            return null;
        }
        String text = node.stringValue();
        if (text.length() > RunService.MAX_NOTES_CHARS) {
            errors.add("notes: at most " + RunService.MAX_NOTES_CHARS + " characters, got " + text.length());
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add("notes: must not contain control characters other than line breaks and tabs");
            return null;
        }
        var invisible = VisibleText.firstInvisible(text);
        if (invisible.isPresent()) {
            errors.add("notes: " + VisibleText.RULE + "; found " + invisible.get());
            return null;
        }
        return text.strip();
    }
}
