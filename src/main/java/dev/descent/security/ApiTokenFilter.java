package dev.descent.security;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}; an unknown token is a 401, and
 * a client that sent too many of them is answered 429 for a while without any lookup ({@link TokenAttempts}).
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final TokenAttempts attempts;

    ApiTokenFilter(TokenService tokens, TokenAttempts attempts) {
        this.tokens = tokens;
        this.attempts = attempts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String client = request.getRemoteAddr();
            String presented = header.substring(7).trim();
            Optional<Duration> wait = attempts.waitFor(client);
            if (wait.isPresent() && tokens.recentlyChecked(presented).isEmpty()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                ProblemResponses.write(response, 429, "Too Many Requests", "Authorization: too many unknown or"
                        + " revoked API tokens from this address; retry in " + seconds + " s");
                return;
            }
            Optional<TokenPrincipal> principal = tokens.authenticate(presented);
            if (principal.isEmpty()) {
                attempts.failed(client);
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                        "The API token is unknown or revoked.");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new TokenAuthentication(principal.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
