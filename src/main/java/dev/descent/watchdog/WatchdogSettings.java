package dev.descent.watchdog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The watchdog's and the webhooks' configuration ({@code descent.watchdog.*}, {@code descent.webhooks.*}). */
@Component
class WatchdogSettings {

    private final Thresholds thresholds;
    private final Duration stalledAfter;
    private final Duration checkInterval;
    private final String publicUrl;
    private final boolean allowLoopback;
    private final Set<String> allowedHosts;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration timeout;
    private final Duration pollInterval;
    private final boolean deliver;

    WatchdogSettings(@Value("${descent.watchdog.divergence.factor:10}") double divergenceFactor,
                     @Value("${descent.watchdog.plateau.epochs:5}") double plateauEpochs,
                     @Value("${descent.watchdog.plateau.iterations:5000}") long plateauIterations,
                     @Value("${descent.watchdog.plateau.threshold:0.01}") double plateauThreshold,
                     @Value("${descent.watchdog.stalled-after:10m}") Duration stalledAfter,
                     @Value("${descent.watchdog.check-interval:30s}") Duration checkInterval,
                     @Value("${descent.public-url:http://localhost:${server.port:8080}}") String publicUrl,
                     @Value("${descent.webhooks.allow-loopback:false}") boolean allowLoopback,
                     @Value("${descent.webhooks.allowed-hosts:}") String allowedHosts,
                     @Value("${descent.webhooks.max-attempts:6}") int maxAttempts,
                     @Value("${descent.webhooks.retry-backoff:10s}") Duration retryBackoff,
                     @Value("${descent.webhooks.timeout:10s}") Duration timeout,
                     @Value("${descent.webhooks.poll-interval:1s}") Duration pollInterval,
                     @Value("${descent.webhooks.deliver:true}") boolean deliver) {
        this.thresholds = new Thresholds(divergenceFactor, plateauEpochs, plateauIterations, plateauThreshold);
        this.stalledAfter = positive("descent.watchdog.stalled-after", stalledAfter);
        this.checkInterval = positive("descent.watchdog.check-interval", checkInterval);
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        URI.create(this.publicUrl);
        this.allowLoopback = allowLoopback;
        this.allowedHosts = Arrays.stream(allowedHosts.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("descent.webhooks.max-attempts: must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.retryBackoff = positive("descent.webhooks.retry-backoff", retryBackoff);
        this.timeout = positive("descent.webhooks.timeout", timeout);
        this.pollInterval = positive("descent.webhooks.poll-interval", pollInterval);
        this.deliver = deliver;
    }

    private static Duration positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration");
        }
        return d;
    }

    Thresholds thresholds() { return thresholds; }

    Duration stalledAfter() { return stalledAfter; }

    Duration checkInterval() { return checkInterval; }

    String runUrl(long runId) { return publicUrl + "/runs/" + runId; }

    /** The SSRF guard these settings describe: the same for creating a webhook and for every delivery. */
    UrlGuard urlGuard() { return new UrlGuard(allowLoopback, allowedHosts); }

    int maxAttempts() { return maxAttempts; }

    Duration retryBackoff() { return retryBackoff; }

    Duration timeout() { return timeout; }

    Duration pollInterval() { return pollInterval; }

    /** False on a node that must record deliveries but never send them (a staging copy of production's data). */
    boolean deliver() { return deliver; }

}
