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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A client that is backed off after failed sign-ins is sent back to the login page, without its password being
 * checked, until its wait is over; the page says how long that is. And at most {@value #CONCURRENT_CHECKS}
 * passwords are checked at once (BCrypt costs ~0.1 s of CPU each, and anyone may try): further sign-ins wait
 * up to 5 s for a turn, then are sent back to try again, so a crowd of guessers cannot take every core.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final int CONCURRENT_CHECKS = 4;

    private final LoginAttempts attempts;
    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS, true);

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
        boolean admitted;
        try {
            admitted = checks.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.sendRedirect(request.getContextPath() + "/login?busy");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            checks.release();
        }
    }
}
