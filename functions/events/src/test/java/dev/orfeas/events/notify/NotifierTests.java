package dev.orfeas.events.notify;

import com.sun.net.httpserver.HttpServer;
import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.MeshFailed;
import dev.orfeas.cloudevents.ObjectRef;
import dev.orfeas.storage.MemoryStore;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifier with {@code new}: a loopback webhook receiver, an in-memory store for dead letters. */
class NotifierTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MemoryStore store = new MemoryStore();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst(Signer.SIGNATURE_HEADER));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Notifier notifier(String... paths) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "orfeas.events.notify.secret", "s3cret", "orfeas.events.notify.allow-private-addresses", "true",
                "orfeas.events.notify.max-attempts", "1"));
        for (int i = 0; i < paths.length; i++) {
            config.put("orfeas.events.notify.targets[" + i + "]", base + paths[i]);
        }
        NotifyProperties properties = new Binder(new MapConfigurationPropertySource(config))
                .bindOrCreate("orfeas.events.notify", NotifyProperties.class);
        return new Notifier(properties, new TargetPolicy(List.of("127.0.0.1"), true, InetAddress::getAllByName),
                new Notification(JSON, store), HttpClient.newHttpClient(), store, JSON, new DeliveredIds(100),
                Clock.systemUTC());
    }

    private static CloudEvent failed(String id) {
        return CloudEventBuilder.v1().withId(id).withType(EventTypes.MESH_FAILED).withSource(URI.create("/g"))
                .withSubject("blank.png").withData(EventData.JSON, EventData.write(
                        new MeshFailed(new ObjectRef("uploads", "blank.png"), "no-foreground", "nothing to model")))
                .build();
    }

    @Test
    void aNotificationIsSignedSentOnceAndATargetThatRefusesGetsADeadLetter() {
        Notifier notifier = notifier("/ok", "/gone");

        var first = notifier.notify(failed("e-1"));
        var again = notifier.notify(failed("e-1"));

        assertThat(first.delivered()).isEqualTo(1);
        assertThat(first.deadLettered()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst()).contains("Could not make a mesh from blank.png: no-foreground");
        assertThat(signatures.getFirst()).startsWith("t=").contains(",v1=");
        assertThat(store.keys("failed")).singleElement().satisfies(k -> assertThat(k).startsWith("notify/e-1/"));
    }
}
