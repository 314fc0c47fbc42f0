package dev.descent.ingest;

import dev.descent.watchdog.AlertEvent;
import dev.descent.watchdog.CreatedWebhook;
import dev.descent.watchdog.DeliveryAttempt;
import dev.descent.watchdog.InvalidWebhookException;
import dev.descent.watchdog.WebhookSummary;
import dev.descent.watchdog.Webhooks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/webhooks}: where alerts are POSTed (docs/alerts.md). Every method needs an admin-scope token
 * (SecurityConfig); the secret is in the answer to the POST and nowhere else.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhooksApi {

    static final List<String> FIELDS = List.of("url", "project", "events");

    record Webhook(long id, String url, @Nullable String project, List<String> events, Instant createdAt,
                   String createdBy, long delivered, long failed, long pending) {

        static Webhook of(WebhookSummary w) {
            return new Webhook(w.id(), w.url(), w.project(), w.events().stream().map(AlertEvent::id).toList(),
                    w.createdAt(), w.createdBy(), w.delivered(), w.failed(), w.pending());
        }
    }

    record Created(long id, String url, @Nullable String project, List<String> events, Instant createdAt,
                   String createdBy, String secret) {
    }

    record Delivery(long id, long incidentId, String event, String text, String state, int attempts,
                    @Nullable Integer lastStatus, @Nullable String lastError, Instant updatedAt) {

        static Delivery of(DeliveryAttempt d) {
            return new Delivery(d.id(), d.incidentId(), d.event().id(), d.text(), d.state(), d.attempts(),
                    d.lastStatus(), d.lastError(), d.updatedAt());
        }
    }

    private final Webhooks webhooks;

    WebhooksApi(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(@RequestBody JsonNode body, Authentication auth) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest(List.of("body: must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(field + ": unknown field; a webhook has " + String.join(", ", FIELDS));
            }
        }
        JsonNode url = body.get("url");
        if (url == null || !url.isString() || url.asString().isBlank()) {
            errors.add("url: required, an http or https URL");
        }
        JsonNode project = body.get("project");
        if (project != null && !project.isNull() && !project.isString()) {
            errors.add("project: must be a string, or absent for every project");
        }
        List<String> events = new ArrayList<>();
        JsonNode eventsNode = body.get("events");
        if (eventsNode != null && !eventsNode.isNull()) {
            if (!eventsNode.isArray() || eventsNode.isEmpty()) {
                errors.add("events: must be a non-empty array of diverged, plateau, stalled, finished, failed");
            } else {
                for (JsonNode e : eventsNode) {
                    if (!e.isString()) {
                        errors.add("events: every element must be a string");
                        break;
                    }
                    events.add(e.asString());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors);
        }
        try {
            CreatedWebhook created = webhooks.create(url.asString(),
                    project == null || project.isNull() ? null : project.asString(), events, auth.getName());
            WebhookSummary w = created.webhook();
            return ResponseEntity.status(HttpStatus.CREATED).body(new Created(w.id(), w.url(), w.project(),
                    w.events().stream().map(AlertEvent::id).toList(), w.createdAt(), w.createdBy(), created.secret()));
        } catch (InvalidWebhookException e) {
            throw ApiProblem.badRequest(e.problems());
        }
    }

    @GetMapping
    List<Webhook> list() {
        return webhooks.list().stream().map(Webhook::of).toList();
    }

    @GetMapping("/{id}/deliveries")
    List<Delivery> deliveries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest(List.of("limit: must be an integer from 1 to 1000"));
        }
        return webhooks.deliveries(id, limit).orElseThrow(() -> notFound(id)).stream().map(Delivery::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!webhooks.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem notFound(long id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "id: no webhook " + id);
    }
}
