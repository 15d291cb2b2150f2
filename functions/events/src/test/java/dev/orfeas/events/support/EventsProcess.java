package dev.orfeas.events.support;

import dev.orfeas.events.EventsApplication;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectStore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The events app as a real OS process (this JVM's classpath) on a free loopback port, against an S3 server: for
 * tests that kill it and for the benchmarks.
 */
public final class EventsProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private EventsProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the app; {@code args} are extra {@code --key=value} Spring properties, {@code env} extra variables. */
    public static EventsProcess start(LocalS3Server s3, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), EventsApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0"));
        s3.springProperties().forEach(p -> command.add("--" + p));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        builder.environment().putAll(env);
        return new EventsProcess(builder.start(), port, log);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits for readiness UP; fails with the app's log when it exits or the time runs out. */
    public EventsProcess awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("events app exited: " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base().resolve("/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("events app not ready after " + timeout + ": " + log());
    }

    /** Waits until {@code bucket} holds at least {@code count} objects under {@code prefix} while the app runs. */
    public void awaitObjects(ObjectStore store, String bucket, String prefix, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("events app exited: " + log());
            }
            try {
                if (store.listObjects(bucket, prefix, count, null).objects().size() >= count) {
                    return;
                }
            } catch (dev.orfeas.storage.StorageUnavailableException inProgress) {
                // S3Proxy lists the temp file of a copy it is writing right now and answers 500: poll again
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("fewer than " + count + " objects under " + bucket + "/" + prefix
                + " after 60 s: " + log());
    }

    /** SIGTERM (what Kubernetes sends on scale-down) and the exit code, waiting at most {@code timeout}. */
    public int terminate(Duration timeout) throws Exception {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("events app still running " + timeout + " after SIGTERM: " + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hooks, no graceful anything, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
