package dev.descent.security;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** Authenticates API requests that carry {@code Authorization: Bearer <token>}; an unknown token is a 401. */
class ApiTokenFilter extends OncePerRequestFilter {

    private final TokenService tokens;

    ApiTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<TokenPrincipal> principal = tokens.authenticate(header.substring(7).trim());
            if (principal.isEmpty()) {
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
