package dev.descent.security.ui;

import dev.descent.security.LoginAttempts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A client that is backed off after failed sign-ins is sent back to the login page, without its password being
 * checked, until its wait is over; the page says how long that is.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LoginThrottleFilter(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !"/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = attempts.waitFor(request.getRemoteAddr());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
            return;
        }
        chain.doFilter(request, response);
    }
}
