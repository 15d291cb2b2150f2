package dev.orfeas.events.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orfeas.cloudevents.CloudEventCodec;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback (the JDK's com.sun.net.httpserver) standing in for a Knative broker or a webhook
 * receiver: records every request it accepts; {@link #failWhen} makes it answer 500 to matching requests,
 * {@link #answerWhen} any status (with an optional {@code Retry-After}).
 */
public final class EventReceiver implements AutoCloseable {

    /** One accepted request: path, headers (case-insensitive names) and body. */
    public record Received(String path, Map<String, String> headers, byte[] body) {
        /** The event, {@code ce-*} header values percent-decoded as the HTTP binding says. */
        public CloudEvent event() {
            return CloudEventCodec.read(headers, body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Predicate<Received> fail = r -> false;
    private volatile Answer answer = null;

    /** A status (and {@code Retry-After}, when not null) for the requests {@code when} matches. */
    public record Answer(Predicate<Received> when, int status, String retryAfter) {
    }

    public EventReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            Received r = new Received(exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes());
            attempts.incrementAndGet();
            if (fail.test(r)) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            Answer special = answer;
            if (special != null && special.when().test(r)) {
                if (special.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", special.retryAfter());
                }
                exchange.sendResponseHeaders(special.status(), -1);
                return;
            }
            received.add(r);
            exchange.sendResponseHeaders(202, -1);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void failWhen(Predicate<Received> predicate) {
        fail = predicate;
    }

    public void answerWhen(Predicate<Received> when, int status, String retryAfter) {
        answer = new Answer(when, status, retryAfter);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<CloudEvent> events() {
        return received.stream().map(Received::event).toList();
    }

    public int attempts() {
        return attempts.get();
    }

    public void reset() {
        received.clear();
        attempts.set(0);
        fail = r -> false;
        answer = null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
