package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as admins see it: never its secret, which is shown once, at creation.
 *
 * @param project   the project whose runs it reports, null for every project
 * @param delivered deliveries that reached it, {@code failed} ones given up after the last retry, {@code pending}
 *                  ones waiting for their first attempt or a retry
 */
public record WebhookSummary(long id, String url, @Nullable String project, List<AlertEvent> events,
                             Instant createdAt, String createdBy, long delivered, long failed, long pending) {
}
