package dev.descent.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Unknown or revoked API tokens per client address: after twenty, the client is answered 429 (with
 * Retry-After) without any lookup, for 1 s, then 2 s, 4 s … up to 15 minutes (issue 11: 2,000 wrong tokens in
 * 14 s were all checked). A training job with a right token never gets here.
 */
@Service
class TokenAttempts {

    static final int FREE_FAILURES_PER_CLIENT = 20;
    static final Duration MAX_CLIENT_WAIT = Duration.ofMinutes(15);

    private final ClientBackoff clients;
    private final ApplicationEventPublisher events;

    TokenAttempts(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clients = new ClientBackoff(FREE_FAILURES_PER_CLIENT, MAX_CLIENT_WAIT, clock);
    }

    Optional<Duration> waitFor(String client) {
        return clients.waitFor(client);
    }

    void failed(String client) {
        if (clients.failed(client).startedBackoff()) {
            events.publishEvent(new SecurityIncident(client, "token attempts throttled", "client " + client
                    + " after " + FREE_FAILURES_PER_CLIENT + " unknown or revoked API tokens; waits from 1 s,"
                    + " doubling, up to " + MAX_CLIENT_WAIT.toMinutes() + " minutes"));
        }
    }
}
