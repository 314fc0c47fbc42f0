package dev.descent.security;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the REST API: reads are open, writes need a bearer token with the ingest scope, and deleting
 * (clearing a history) needs the admin scope.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiTokenFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link TokenPrincipal} of an authenticated write. */
    static final String PRINCIPAL = TokenPrincipal.class.getName();
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final TokenService tokens;

    ApiTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            unauthorized(response, "This request needs an API token: send the header 'Authorization: Bearer <token>'.");
            return;
        }
        Optional<TokenPrincipal> principal = tokens.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            unauthorized(response, "The API token is unknown or revoked.");
            return;
        }
        TokenScope required = "DELETE".equals(request.getMethod()) ? TokenScope.ADMIN : TokenScope.INGEST;
        if (!principal.get().scope().allows(required)) {
            ProblemResponses.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "Token '" + principal.get().name() + "' has scope " + principal.get().scope()
                            + "; this request needs scope " + required + ".");
            return;
        }
        request.setAttribute(PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }
}
