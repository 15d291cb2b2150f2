package dev.orfeas.generate.maintenance;

import dev.orfeas.generate.GenerateApplication;
import dev.orfeas.generate.TestImages;
import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 2, against real processes: the app is killed with SIGKILL while it generates and writes, beside
 * what such kills leave in the store (an unfinished multipart upload, a mesh folder without meta.json, its listing
 * marker). After a restart the sweep heals the store: the listing answers, the same request succeeds again, and no
 * unfinished upload or unpublished folder remains.
 */
class KilledWriteIntegrationTests {

    static final String MESHES = "killed-" + UUID.randomUUID().toString().substring(0, 8);
    private Process app;

    @AfterEach
    void kill() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void afterKillDashNineARestartHealsTheStoreAndTheSameRequestSucceeds() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] image = TestImages.discPng(1024, 77);
        try (TestStore store = LocalS3Server.shared().openStore(MESHES, "killed-backups")) {
            String orphan = "d".repeat(32);
            store.store().put(MESHES, ObjectWrite.of(MeshLayout.model(orphan, "glb"), new byte[] {1}, "model/gltf-binary"));
            store.store().put(MESHES, ObjectWrite.of(MeshLayout.recent(orphan, 5_000), new byte[0], "text/plain"));
            store.client().createMultipartUpload(b -> b.bucket(MESHES).key(orphan + "/model.ply"));

            int port = freePort();
            Path log = Files.createTempFile("generate-killed", ".log");
            app = start(port, log, "1h");
            awaitReady(http, port, log);
            HttpResponse<InputStream> running = http.send(generate(port, image, "text/event-stream"),
                    HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader reader = new BufferedReader(new InputStreamReader(running.body(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.contains("\"stage\":\"export\"")
                    && !line.contains("\"stage\":\"store\"") && !line.startsWith("event:result")) {
                // until the mesh is being exported or stored
            }
            app.destroyForcibly(); // SIGKILL mid-write
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();

            app = start(port, log, "0s");
            awaitReady(http, port, log);
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && (!store.store().pendingUploads(MESHES).isEmpty()
                    || store.store().exists(MESHES, MeshLayout.model(orphan, "glb")))) {
                Thread.sleep(200);
            }
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/meshes?limit=100")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> retry = http.send(generate(port, image, "application/json"),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(store.store().pendingUploads(MESHES)).isEmpty();
            for (String key : store.store().listAll(MESHES, "").stream().map(o -> o.key()).toList()) {
                String id = key.startsWith(MeshLayout.RECENT_PREFIX) ? MeshLayout.parseRecent(key).id()
                        : key.substring(0, key.indexOf('/'));
                assertThat(store.store().exists(MESHES, MeshLayout.meta(id))).as("orphan left: " + key).isTrue();
            }
        }
    }

    private static HttpRequest generate(int port, byte[] image, String accept) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate?quality=high&name=k.png"))
                .header("Content-Type", "image/png").header("Accept", accept).timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
    }

    private static Process start(int port, Path log, String grace) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                GenerateApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0",
                "--orfeas.security.open=true", "--orfeas.storage.buckets.meshes=" + MESHES,
                "--orfeas.maintenance.grace=" + grace));
        LocalS3Server.shared().springProperties().forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        return builder.start();
    }

    private void awaitReady(HttpClient http, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("app not ready: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
