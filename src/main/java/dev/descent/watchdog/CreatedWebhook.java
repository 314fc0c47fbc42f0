package dev.descent.watchdog;

/** A new webhook and its signing secret, the one time the secret is shown. */
public record CreatedWebhook(WebhookSummary webhook, String secret) {
}
