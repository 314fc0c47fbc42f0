package dev.descent.base.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Announces {@code Connection: close} on every refusal (4xx, 5xx) of a request that carries a body, before
 * the answer is sent. {@link RefusedBodyValve} closes such connections instead of draining the body; without
 * the header, a client would put the connection back in its pool and fail its next request on it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CloseAfterRefusal extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int status) {
                close(status);
                super.setStatus(status);
            }

            @Override
            public void sendError(int status) throws IOException {
                close(status);
                super.sendError(status);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                close(status);
                super.sendError(status, message);
            }

            private void close(int status) {
                if (status >= 400 && !isCommitted()) {
                    setHeader("Connection", "close");
                }
            }
        });
    }
}
