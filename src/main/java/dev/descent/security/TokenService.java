package dev.descent.security;

import dev.descent.base.VisibleText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks API tokens. Tokens carry 256 random bits; only their SHA-256 is stored, and a presented
 * token is found by the SHA-256 of what was presented. That lookup is the comparison, and it is safe against
 * timing: how long it takes can only tell an attacker about hashes of their own guesses, never about a stored
 * secret.
 */
@Service
public class TokenService {

    static final String PREFIX = "dsc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a checked token is trusted without asking the database again (revoking clears it at once). */
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(30);

    private record Checked(TokenPrincipal principal, Instant until) {
    }

    private final ApiTokenRepository tokens;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ConcurrentHashMap<String, Checked> checked = new ConcurrentHashMap<>();

    TokenService(ApiTokenRepository tokens, Clock clock, PlatformTransactionManager transactionManager,
                 ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Transactional
    public IssuedToken issue(String name, TokenScope scope) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return register(name, scope, token);
    }

    /** Stores a token chosen elsewhere (e.g. DESCENT_INGEST_TOKEN), unless it is already known. */
    @Transactional
    public IssuedToken register(String name, TokenScope scope, String token) {
        String hash = hash(token);
        ApiTokenEntity entity = tokens.findByTokenHash(hash)
                .orElseGet(() -> tokens.save(new ApiTokenEntity(name, scope, hash, clock.instant())));
        return new IssuedToken(entity.id(), entity.name(), entity.scope(), token);
    }

    /**
     * The token's principal, if the presented secret names a live token. A token checked in the last 30 s
     * is trusted without a database transaction: every ingest request comes through here.
     */
    public Optional<TokenPrincipal> authenticate(String presented) {
        String hash = hash(presented);
        Checked recent = checked.get(hash);
        if (recent != null && recent.until().isAfter(clock.instant())) {
            return Optional.of(recent.principal());
        }
        Optional<TokenPrincipal> principal = Objects.requireNonNull(
                transaction.execute(status -> lookUp(hash)));
        principal.ifPresentOrElse(p -> checked.put(hash, new Checked(p, clock.instant().plus(RECHECK_AFTER))),
                () -> checked.remove(hash));
        return principal;
    }

    /**
     * The principal of a token checked good in the last 30 s, without asking the database: a client backed
     * off for unknown tokens (perhaps a neighbour behind the same NAT) does not lock out a job whose token works.
     */
    Optional<TokenPrincipal> recentlyChecked(String presented) {
        Checked recent = checked.get(hash(presented));
        return recent != null && recent.until().isAfter(clock.instant()) ? Optional.of(recent.principal())
                : Optional.empty();
    }

    private Optional<TokenPrincipal> lookUp(String hash) {
        return tokens.findByTokenHash(hash)
                .filter(t -> !t.revoked())
                .map(t -> {
                    t.markUsed(clock.instant());
                    return new TokenPrincipal(t.id(), t.name(), t.scope());
                });
    }

    /** A new token for the admin view; its secret is shown once and never stored. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public IssuedToken create(String name, TokenScope scope) {
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("A token needs a name of at most 100 characters.");
        }
        if (VisibleText.firstInvisible(name).isPresent()) {
            throw new IllegalArgumentException("A token name " + VisibleText.RULE + ".");
        }
        IssuedToken issued = issue(name.strip(), scope);
        events.publishEvent(new AccountChanged("create token", "token " + issued.name() + " (" + issued.scope() + ")"));
        return issued;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<TokenSummary> list() {
        return tokens.findAllByOrderByCreatedAtDesc().stream().map(ApiTokenEntity::summary).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revoke(long tokenId) {
        tokens.findById(tokenId).ifPresent(t -> {
            t.revoke(clock.instant());
            events.publishEvent(new AccountChanged("revoke token", "token " + t.summary().name()));
            events.publishEvent(new TokenRevoked(tokenId));
        });
        forget(tokenId);
    }

    /** Drops what this node remembers of a token (revoked here or, told by the database, on another node). */
    public void forget(long tokenId) {
        checked.values().removeIf(c -> c.principal().tokenId() == tokenId);
    }

    @Transactional(readOnly = true)
    public boolean anyActive() {
        return tokens.countByRevokedAtIsNull() > 0;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
