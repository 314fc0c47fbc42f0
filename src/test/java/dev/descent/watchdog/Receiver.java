package dev.descent.watchdog;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook receiver (a real HTTP server on 127.0.0.1) that records what it got and answers as told. */
public final class Receiver implements AutoCloseable {

    public record Request(String body, String signature, String event, String delivery) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrivals.incrementAndGet();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("X-Descent-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Descent-Event"),
                    exchange.getRequestHeaders().getFirst("X-Descent-Delivery")));
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests that arrived, answered or still held. */
    public int arrivals() {
        return arrivals.get();
    }

    /** The next {@code n} requests get a 503. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Requests wait (unanswered) until {@link #release()}: a slow receiver. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
