package dev.descent.watchdog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox: polls for due deliveries (and is woken at once when an incident commits), claims each with a
 * lease so that one node sends it, POSTs it signed, and records the answer. Failures are retried with doubling
 * backoff up to {@code descent.webhooks.max-attempts}. Everything runs on this class's own threads: ingest only
 * wrote a row.
 */
@Service
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Deliveries in flight at once, over all receivers. */
    static final int CONCURRENCY = 8;

    private final WebhookRows rows;
    private final WatchdogSettings settings;
    private final UrlGuard guard;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore inFlight = new Semaphore(CONCURRENCY);
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** New threads per start: Spring pauses and restarts lifecycle beans (test contexts kept in a cache do). */
    private volatile ScheduledExecutorService poller = newPoller();
    private volatile ExecutorService senders = newSenders();
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();

    WebhookDispatcher(WebhookRows rows, WatchdogSettings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.guard = settings.urlGuard();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static ScheduledExecutorService newPoller() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook-poller").daemon().factory());
    }

    private static ExecutorService newSenders() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
    }

    @Override
    public void start() {
        if (poller.isShutdown()) {
            poller = newPoller();
            senders = newSenders();
        }
        running = true;
        if (!settings.deliver()) {
            log.info("descent.webhooks.deliver=false: webhook deliveries are recorded but not sent by this node");
            return;
        }
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        // Never shutdownNow: an interrupt that reaches a thread while H2 writes its file closes the FileChannel, and
        // with it the whole database (ClosedByInterruptException; it broke a paused test context's database). A
        // sender finishes the delivery it is in (bounded by the webhook timeout) and records it, or finds the pool
        // closed; nothing new is started.
        poller.shutdown();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** An incident committed: send its deliveries now rather than at the next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    void incidentCommitted(IncidentDetected detected) {
        if (running && settings.deliver() && wakeQueued.compareAndSet(false, true)) {
            poller.execute(() -> {
                wakeQueued.set(false);
                sendDue();
            });
        }
    }

    /** One pass over what is due: claim, then send on a sender thread. Runs on the poller thread only. */
    void sendDue() {
        passes.incrementAndGet();
        try {
            Instant now = clock.instant();
            List<Long> due = rows.due(now, 50);
            for (long id : due) {
                if (!inFlight.tryAcquire()) {
                    return; // the next poll picks up the rest
                }
                Instant claimedAt = clock.instant();
                if (!rows.claim(id, claimedAt, claimedAt.plus(lease()))) {
                    inFlight.release();
                    continue;
                }
                senders.execute(() -> {
                    try {
                        send(id);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            // The database may be restarting; the next poll tries again.
            log.warn("Could not read due webhook deliveries: {}", e.toString());
        }
    }

    /** Passes over the outbox so far (a test waits for another node to have looked while a delivery is in flight). */
    long passes() {
        return passes.get();
    }

    /** Long enough for the connection and the request timeouts, so a claim never expires mid-send. */
    private Duration lease() {
        return settings.timeout().multipliedBy(3).plusSeconds(5);
    }

    private void send(long id) {
        Optional<WebhookRows.Outgoing> found = rows.outgoing(id);
        if (found.isEmpty()) {
            return; // its webhook or run was deleted meanwhile
        }
        WebhookRows.Outgoing d = found.get();
        Optional<String> refusal = guard.refusal(d.url());
        if (refusal.isPresent()) {
            failed(d, null, "refused: " + refusal.get());
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Descent-Webhook/1")
                    .header("X-Descent-Event", d.event().id())
                    .header("X-Descent-Delivery", Long.toString(d.id()))
                    .header("X-Descent-Signature", "sha256=" + sign(d.secret(), d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                rows.delivered(d.id(), status, clock.instant());
            } else {
                failed(d, status, "HTTP " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed(d, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void failed(WebhookRows.Outgoing d, @org.jspecify.annotations.Nullable Integer status, String error) {
        int attempts = d.attempts() + 1;
        Instant now = clock.instant();
        Instant retryAt = attempts >= settings.maxAttempts() ? null
                : now.plus(settings.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
        rows.failed(d.id(), status, error, retryAt, now);
        if (retryAt == null) {
            log.warn("Webhook delivery {} to {} given up after {} attempts: {}", d.id(), d.url(), attempts, error);
        }
    }

    /** HMAC-SHA256 of the exact body bytes, hex: what a receiver recomputes with its secret to trust the body. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
