package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where alerts go besides the app: admin-managed webhooks. An incident's deliveries are written to an outbox in the
 * transaction that detects it; {@link WebhookDispatcher} sends them, so a slow or dead receiver never slows ingest.
 */
@Service
public class Webhooks {

    /** What a webhook receives; the same body works as a Slack or Mattermost incoming webhook ({@code text}). */
    record Body(String event, long runId, String project, String run, @Nullable String series,
                @Nullable Long iteration, @Nullable Double value, String text, String url) {
    }

    static final int MAX_URL_CHARS = 2000;

    private final WebhookRows rows;
    private final WatchdogSettings settings;
    private final UrlGuard guard;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Webhooks(WebhookRows rows, WatchdogSettings settings, ApplicationEventPublisher events, JsonMapper json,
             Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.guard = settings.urlGuard();
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Creates a webhook for the given events (all five when empty) of one project's runs (every project's when
     * null). The secret it signs with is in the answer, and never again.
     *
     * @throws InvalidWebhookException naming each field that is wrong
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedWebhook create(String url, @Nullable String project, Collection<String> eventNames, String actor) {
        List<String> problems = new ArrayList<>();
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL_CHARS) {
            problems.add("url: at most " + MAX_URL_CHARS + " characters");
        } else {
            guard.refusal(trimmed).ifPresent(problems::add);
        }
        String p = project == null || project.isBlank() ? null : project.trim();
        if (p != null && p.length() > 200) {
            problems.add("project: at most 200 characters");
        }
        Set<AlertEvent> chosen = new LinkedHashSet<>();
        for (String name : eventNames) {
            AlertEvent.parse(name).ifPresentOrElse(chosen::add,
                    () -> problems.add("events: unknown event '" + abbreviate(name) + "', expected some of "
                            + AlertEvent.allIds()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidWebhookException(problems);
        }
        if (chosen.isEmpty()) {
            chosen.addAll(List.of(AlertEvent.values()));
        }
        String secret = "whsec_" + HexFormat.of().formatHex(bytes(32));
        String csv = chosen.stream().map(AlertEvent::name).collect(Collectors.joining(","));
        long id = rows.insert(trimmed, p, csv, secret, clock.instant(), actor);
        events.publishEvent(new WebhookChanged("create webhook", "webhook " + id + " to " + trimmed
                + (p == null ? "" : " for project " + p) + " (" + String.join(", ", chosen.stream().map(AlertEvent::id).toList()) + ")"));
        return new CreatedWebhook(summary(rows.find(id).orElseThrow()), secret);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<WebhookSummary> list() {
        return rows.all().stream().map(this::summary).toList();
    }

    /** @return whether it existed; its pending deliveries go with it */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public boolean delete(long id) {
        var hook = rows.find(id);
        if (hook.isEmpty()) {
            return false;
        }
        rows.delete(id);
        events.publishEvent(new WebhookChanged("delete webhook", "webhook " + id + " to " + hook.get().url()));
        return true;
    }

    /** The newest deliveries of one webhook, newest first; empty when there is no such webhook. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Optional<List<DeliveryAttempt>> deliveries(long webhookId, int limit) {
        return rows.find(webhookId).map(h -> rows.log(webhookId, limit));
    }

    /** Queues the incident for every webhook that wants it; called inside the detecting transaction. */
    void enqueue(Incident incident) {
        String body = null;
        for (WebhookRows.Hook hook : rows.all()) {
            if (!hook.events().contains(incident.event())
                    || (hook.project() != null && !hook.project().equals(incident.project()))) {
                continue;
            }
            if (body == null) {
                body = body(incident);
            }
            rows.enqueue(hook.id(), incident.id(), body, clock.instant());
        }
    }

    String body(Incident i) {
        Double value = i.value() == null || !Double.isFinite(i.value()) ? null : i.value();
        return json.writeValueAsString(new Body(i.event().id(), i.runId(), i.project(), i.run(),
                i.series().isEmpty() ? null : i.series(), i.iteration(), value, slackSafe(i.text()),
                settings.runUrl(i.runId())));
    }

    /**
     * Slack reads {@code <…>} in a message as a link or a mention ({@code <!channel>}) and asks senders to escape
     * {@code & < >}; a run named with them must not ping a channel.
     */
    static String slackSafe(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private WebhookSummary summary(WebhookRows.Hook h) {
        long[] counts = rows.counts(h.id());
        return new WebhookSummary(h.id(), h.url(), h.project(), h.events(), h.createdAt(), h.createdBy(), counts[0],
                counts[1], counts[2]);
    }
}
