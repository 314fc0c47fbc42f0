package dev.descent.ingest;

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
}
