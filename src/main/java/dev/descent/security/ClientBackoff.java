package dev.descent.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts per client address, with an exponential back-off: after {@code freeFailures} failures a
 * client waits 1 s, then 2 s, 4 s … up to {@code maxWait} before its next attempt is even checked. A client's
 * record is forgotten {@code maxWait} after its last failure, and at once on a success.
 * <p>
 * In memory, per node: it slows a guesser down by orders of magnitude (the account lock-out in the database
 * is the hard limit), and its size is bounded: past {@link #MAX_CLIENTS} addresses, the stale ones are
 * dropped, then the rest.
 */
final class ClientBackoff {

    static final int MAX_CLIENTS = 100_000;

    /** What a failure did: how many in a row, and whether it started a back-off. */
    record Failure(int failures, boolean startedBackoff, Duration backoff) {
    }

    private record Entry(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    private final int freeFailures;
    private final Duration maxWait;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> clients = new ConcurrentHashMap<>();

    ClientBackoff(int freeFailures, Duration maxWait, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** How long the client must still wait, if it is backed off now. */
    Optional<Duration> waitFor(String client) {
        Entry entry = clients.get(client);
        Instant now = clock.instant();
        if (entry == null || !entry.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.blockedUntil()));
    }

    Failure failed(String client) {
        Instant now = clock.instant();
        if (clients.size() >= MAX_CLIENTS) {
            prune(now);
        }
        Entry entry = clients.compute(client, (key, old) -> {
            int failures = old == null || old.lastFailure().plus(maxWait).isBefore(now) ? 1 : old.failures() + 1;
            Instant blockedUntil = failures > freeFailures ? now.plus(waitAfter(failures)) : now;
            return new Entry(failures, now, blockedUntil);
        });
        return new Failure(entry.failures(), entry.failures() == freeFailures + 1, waitAfter(entry.failures()));
    }

    void succeeded(String client) {
        clients.remove(client);
    }

    private Duration waitAfter(int failures) {
        int doublings = Math.min(failures - freeFailures - 1, 30);
        if (doublings < 0) {
            return Duration.ZERO;
        }
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private void prune(Instant now) {
        clients.values().removeIf(e -> e.lastFailure().plus(maxWait).isBefore(now));
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
    }
}
