package dev.descent.watchdog;

/** Published inside the transaction that creates or deletes a webhook, for the audit log. */
public record WebhookChanged(String action, String target) {
}
