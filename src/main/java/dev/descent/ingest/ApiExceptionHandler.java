package dev.descent.ingest;

import dev.descent.run.RunNotFoundException;
import dev.descent.run.SeriesLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * Every refusal of the API is an RFC 9457 problem naming the field and the rule; never a stack trace, a
 * redirect or an HTML page. No selector: Spring MVC applies an advice without one also when no handler
 * matched (wrong method, Content-Type or Accept), which is how 405, 415 and 406 reach it. Vaadin's requests
 * never come here (their handler is not a controller method).
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e) {
        return respond(e.status, java.util.Objects.requireNonNullElse(e.getMessage(), ""), e.errors);
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RunNotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "runId: " + e.getMessage(), List.of());
    }

    @ExceptionHandler(SeriesLimitExceededException.class)
    ResponseEntity<ProblemDetail> tooManySeries(SeriesLimitExceededException e) {
        return respond(HttpStatus.BAD_REQUEST, java.util.Objects.requireNonNullElse(e.getMessage(), ""), List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return problem(ApiProblem.unreadableBody(e.getCause(), e.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : switch (e.getRequiredType().getSimpleName()) {
            case "long", "Long", "int", "Integer" -> "an integer";
            case "double", "Double" -> "a number";
            default -> "one of the documented values";
        };
        return respond(HttpStatus.BAD_REQUEST, e.getName() + ": must be " + expected, List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getParameterName() + ": required", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: must be application/json, was "
                + (e.getContentType() == null ? "none" : e.getContentType()), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        var response = respond(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not supported here"
                + (e.getSupportedMethods() == null ? "" : "; use " + String.join(", ", e.getSupportedMethods())),
                List.of());
        return ResponseEntity.status(response.getStatusCode()).headers(e.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "Accept: this resource is available as "
                + String.join(", ", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList()), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "path: no API resource at /" + e.getResourcePath(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected API failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", List.of());
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String detail, List<String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors.size() > 1) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
