package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One line of a webhook's delivery log.
 *
 * @param state      PENDING (not yet sent, or waiting to be retried), DELIVERED or FAILED (given up)
 * @param lastStatus the receiver's HTTP status at the last attempt, null if it did not answer
 * @param lastError  why the last attempt failed, null after a success
 */
public record DeliveryAttempt(long id, long incidentId, AlertEvent event, String text, String state, int attempts,
                              @Nullable Integer lastStatus, @Nullable String lastError, Instant updatedAt) {
}
