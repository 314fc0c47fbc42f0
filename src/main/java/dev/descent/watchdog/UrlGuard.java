package dev.descent.watchdog;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps webhooks from becoming a way into the server's own network (SSRF): only http and https, and only to public
 * addresses unless configured otherwise. Checked when a webhook is created and again before every delivery, since
 * what a name resolves to can change. A name that resolves to a public address at the check and to a private one
 * a moment later (DNS rebinding) is not caught; docs/alerts.md says so.
 */
final class UrlGuard {

    private final boolean allowLoopback;
    private final Set<String> allowedHosts;

    UrlGuard(boolean allowLoopback, Set<String> allowedHosts) {
        this.allowLoopback = allowLoopback;
        this.allowedHosts = allowedHosts;
    }

    /** Why this URL may not receive webhooks ("url: …"), or empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url: not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url: must be an http or https URL, was " + (scheme.isEmpty() ? "no scheme" : scheme + ":"));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("url: must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url: must not carry a user name or password");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("url: host " + bare + " does not resolve");
        }
        for (InetAddress address : addresses) {
            @org.jspecify.annotations.Nullable String kind = kind(address);
            if (kind != null && !(kind.equals("loopback") && allowLoopback)) {
                return Optional.of("url: " + bare + " is " + (bare.equals(address.getHostAddress()) ? "" :
                        "at " + address.getHostAddress() + ", ") + "a " + kind + " address; webhooks may only reach"
                        + " public addresses (descent.webhooks.allowed-hosts lists exceptions"
                        + (kind.equals("loopback") ? ", descent.webhooks.allow-loopback=true allows this one" : "")
                        + ")");
            }
        }
        return Optional.empty();
    }

    /** The kind of non-public address this is, or null for a public one. */
    static @org.jspecify.annotations.Nullable String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "private"; // unique local fc00::/7
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "private"; // carrier-grade NAT 100.64.0.0/10
        }
        if (b.length == 4 && (b[0] & 0xff) == 0) {
            return "wildcard"; // 0.0.0.0/8 reaches this host on Linux
        }
        return null;
    }
}
