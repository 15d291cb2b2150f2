package dev.orfeas.events.support;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventTypes;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Real HTTP calls to an events app's backup endpoints: PingSource ticks and restores. */
public final class BackupCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public BackupCalls(URI base) {
        this.base = base;
    }

    /** A PingSource tick as Knative delivers it (binary mode, type dev.knative.sources.ping). */
    public HttpResponse<byte[]> ping(String id) throws Exception {
        return HTTP.send(pingRequest(id), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@link #ping} without waiting for the answer. */
    public CompletableFuture<HttpResponse<byte[]>> pingAsync(String id) {
        return HTTP.sendAsync(pingRequest(id), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest pingRequest(String id) {
        CloudEvent tick = CloudEventBuilder.v1().withId(id).withType(EventTypes.KNATIVE_PING)
                .withSource(URI.create("/apis/v1/namespaces/orfeas/pingsources/nightly-backup"))
                .withData("application/json", "{\"reason\":\"nightly\"}".getBytes(StandardCharsets.UTF_8)).build();
        var encoded = CloudEventCodec.write(tick, false);
        var request = HttpRequest.newBuilder(base.resolve("/backup")).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        return request.build();
    }

    /** {@code POST /restore}; a null token sends no Authorization header. */
    public HttpResponse<String> restore(String token, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve("/restore")).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CloudEvent a 200 answer carries. */
    public static CloudEvent reply(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> headers.put(name, values.getFirst()));
        return CloudEventCodec.read(headers, response.body());
    }
}
