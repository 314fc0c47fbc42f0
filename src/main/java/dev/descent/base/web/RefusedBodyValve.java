package dev.descent.base.web;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes the connection instead of reading the rest of a request body that was refused.
 * <p>
 * Tomcat drains ("swallows") an unread body after the response so the connection can be reused. For a 401
 * or 403 answered before the body was read, that drain runs on a worker thread for as long as the client
 * keeps sending: ~200 anonymous chunked POSTs trickling one byte every 5 s held every worker thread and froze
 * the server (issue 11). A refused request with an unread body now ends with {@code Connection: close}; only
 * the poller, never a worker thread, waits on such a client.
 */
final class RefusedBodyValve extends ValveBase {

    RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() >= 400 && !request.isAsyncStarted() && !bodyFullyRead(request)) {
            // The same action Tomcat takes itself for an upload over maxPostSize.
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    private static boolean bodyFullyRead(Request request) {
        AtomicBoolean finished = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, finished);
        return finished.get();
    }
}
