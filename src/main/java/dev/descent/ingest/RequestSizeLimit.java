package dev.descent.ingest;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses API request bodies over 5 MB, whether announced by Content-Length or streamed in chunks, and
 * bodies that take longer than a minute to arrive: a client trickling bytes would otherwise hold a worker
 * thread for as long as it likes (each single read is bounded by Tomcat's 10 s connection timeout).
 */
@Component
@Order(RequestSizeLimit.AFTER_SECURITY)
class RequestSizeLimit extends OncePerRequestFilter {

    /**
     * Just after Spring Security's filters (at -100, {@code SecurityProperties.DEFAULT_FILTER_ORDER}): an anonymous
     * request is refused there with its body unread and its connection closed, so only a client with a token can
     * make this filter read a refused body (see {@link #drain}).
     */
    static final int AFTER_SECURITY = -90;
    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final String MESSAGE = "request body: at most 5 MB (5242880 bytes) per request; send points in smaller batches";
    /** Refused bodies up to this size are read to their end before the answer (see {@link #drain}). */
    static final long MAX_DRAINED_BYTES = 4 * MAX_BYTES;
    static final long MAX_BODY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    static final String TOO_SLOW = "request body: must arrive within 60 s; it came too slowly";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > MAX_BYTES) {
            if (length <= MAX_DRAINED_BYTES) {
                drain(request.getInputStream());
            }
            ProblemResponses.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large", MESSAGE);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private @org.jspecify.annotations.Nullable ServletInputStream limited;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (limited == null) {
                    limited = new LimitedInputStream(super.getInputStream());
                }
                return limited;
            }
        }, response);
    }

    /**
     * Reads and drops a refused body that is a little over the limit, such as a batch of too many points, so that
     * the client, still sending it, reads the 413. Unread, the connection is closed with the client's bytes in it,
     * which resets it (TCP), and the client could lose the answer and see "connection reset" instead of the limit.
     * The same 60 s deadline as any body applies, and each read waits at most Tomcat's connection timeout, so a
     * slow client holds a worker thread no longer than an accepted body could; larger bodies are not read at all
     * (the connection closes, see RefusedBodyValve).
     */
    private static void drain(InputStream in) {
        long started = System.nanoTime();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                if (System.nanoTime() - started > MAX_BODY_NANOS) {
                    return;
                }
            }
        } catch (IOException clientGone) {
            // Answered all the same; the connection closes.
        }
    }

    /** Thrown when a chunked body grows past the limit; answered with 413 by the API's exception handler. */
    static class TooLarge extends IOException {
        TooLarge() {
            super(MESSAGE);
        }
    }

    /** Thrown when a body takes longer than {@link #MAX_BODY_NANOS} to arrive; answered with 408. */
    static class TooSlow extends IOException {
        TooSlow() {
            super(TOO_SLOW);
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long started = System.nanoTime();
        private long read;

        LimitedInputStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
                throw new TooLarge();
            }
            if (System.nanoTime() - started > MAX_BODY_NANOS) {
                throw new TooSlow();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
