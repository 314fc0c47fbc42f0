package dev.descent.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Wrong passwords: five in a row lock the account for five minutes (counted in the database with one atomic
 * UPDATE, so parallel attempts are all counted: issue 11 beat the lock-out with 30 parallel guesses, a third of
 * which were lost to optimistic-locking failures), and ten from one client address make that client wait
 * before each next attempt, doubling up to 15 minutes ({@link ClientBackoff}). Both are audited when they start.
 */
@Service
public class LoginAttempts {

    static final int FREE_FAILURES_PER_CLIENT = 10;
    static final Duration MAX_CLIENT_WAIT = Duration.ofMinutes(15);

    private final UserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientBackoff clients;

    LoginAttempts(UserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.clients = new ClientBackoff(FREE_FAILURES_PER_CLIENT, MAX_CLIENT_WAIT, clock);
    }

    /** How long this client must wait before its next sign-in attempt is checked, if at all. */
    public Optional<Duration> waitFor(String clientAddress) {
        return clients.waitFor(clientAddress);
    }

    @EventListener
    @Transactional
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal()).strip();
        String client = clientOf(event);
        Instant now = clock.instant();
        // Milliseconds: the column keeps microseconds at most, and the read-back below compares for equality.
        Instant until = now.plus(UserEntity.LOCK_FOR).truncatedTo(ChronoUnit.MILLIS);
        if (users.recordFailedLogin(username, UserEntity.LOCK_AFTER_FAILURES, until) > 0
                && users.findLockedUntil(username).filter(until::equals).isPresent()) {
            events.publishEvent(new SecurityIncident(client, "account locked",
                    "user " + username + " after " + UserEntity.LOCK_AFTER_FAILURES + " wrong passwords in a row, for "
                            + UserEntity.LOCK_FOR.toMinutes() + " minutes"));
        }
    }

    /** Every failed sign-in counts for the client, also those refused because the account is locked. */
    @EventListener
    void failedForClient(AbstractAuthenticationFailureEvent event) {
        String client = clientOf(event);
        ClientBackoff.Failure failure = clients.failed(client);
        if (failure.startedBackoff()) {
            events.publishEvent(new SecurityIncident(client, "sign-in throttled", "client " + client + " after "
                    + FREE_FAILURES_PER_CLIENT + " failed sign-ins; waits from 1 s, doubling, up to "
                    + MAX_CLIENT_WAIT.toMinutes() + " minutes"));
        }
    }

    @EventListener
    @Transactional
    void succeeded(AuthenticationSuccessEvent event) {
        users.recordSuccessfulLogin(event.getAuthentication().getName());
        clients.succeeded(clientOf(event));
    }

    private static String clientOf(AbstractAuthenticationEvent event) {
        return event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    }
}
