package dev.descent.ingest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A request the API refuses, with the message the client sees (naming the field and the rule). */
class ApiProblem extends RuntimeException {

    final HttpStatus status;
    final List<String> errors;

    ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of(detail));
    }

    ApiProblem(HttpStatus status, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static ApiProblem badRequest(List<String> errors) {
        String detail = errors.size() == 1 ? errors.getFirst()
                : errors.getFirst() + " (and " + (errors.size() - 1) + " more)";
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail, errors);
    }

    /**
     * A request body that could not be read: cut off by the size limit (413), else not JSON (400 with the
     * first line of the parser's reason).
     */
    static ApiProblem unreadableBody(@Nullable Throwable cause, @Nullable String reason) {
        if (cause instanceof RequestSizeLimit.TooLarge tooLarge) {
            return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, java.util.Objects.requireNonNullElse(tooLarge.getMessage(), "body: too large"));
        }
        if (cause instanceof RequestSizeLimit.TooSlow tooSlow) {
            return new ApiProblem(HttpStatus.REQUEST_TIMEOUT, java.util.Objects.requireNonNullElse(tooSlow.getMessage(), "body: too slow"));
        }
        String line = reason == null ? "" : reason.lines().findFirst().orElse("");
        if (line.length() > 300) {
            line = line.substring(0, 300) + "…";
        }
        return new ApiProblem(HttpStatus.BAD_REQUEST, "body: malformed JSON (" + line + ")");
    }
}
