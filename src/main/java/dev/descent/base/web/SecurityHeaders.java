package dev.descent.base.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Security headers on every response (pages, static files, API answers, errors and redirects), set before
 * anything else runs. A servlet filter rather than Spring Security's header configuration, because Vaadin's
 * security configurer leaves the UI chain's pages without them.
 * <p>
 * The Content-Security-Policy is as strict as Vaadin Flow allows: its bootstrap page starts the client engine
 * with an inline script and the engine builds functions from server-sent expressions, so {@code script-src}
 * needs {@code 'unsafe-inline' 'unsafe-eval'} (Vaadin's documentation, "Content Security Policy"). Everything
 * else is same-origin only: no foreign scripts, frames, forms or connections; images also from {@code data:}
 * and {@code blob:} (the PNG export).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
