package dev.orfeas.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** One of the apps' jars (functions/NAME/target) as a process on loopback, with its serving and management port. */
final class AppProcess implements AutoCloseable {

    final String name;
    final int port;
    final int managementPort;
    private final Process process;
    private final Path log;

    private AppProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /** For tests: quick to start (C1 only) and small (512 MiB heap). */
    static AppProcess start(String name, List<String> args, Path logDir) throws IOException {
        return start(name, args, logDir, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), Map.of());
    }

    /**
     * As scripts/run.sh and the images run it (full JIT, default heap, the engine's malloc setting): what a load test
     * must measure.
     */
    static AppProcess startAsDeployed(String name, List<String> args, Path logDir) throws IOException {
        return start(name, args, logDir, List.of("--enable-native-access=ALL-UNNAMED"),
                Map.of("MALLOC_MMAP_THRESHOLD_", "131072"));
    }

    private static AppProcess start(String name, List<String> args, Path logDir, List<String> jvm,
                                    Map<String, String> environment) throws IOException {
        Path jar = Repo.path("functions/" + name + "/target/" + name + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the apps first (mvn -B verify builds them "
                    + "before this module)");
        }
        Path copy = copyWhole(jar, logDir.resolve(name + ".jar"));
        int port = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m", "-Dai.djl.offline=true"));
        command.addAll(jvm);
        command.addAll(List.of("-jar", copy.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--management.server.port=" + management, "--management.server.address=127.0.0.1"));
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        builder.environment().putAll(environment);
        return new AppProcess(name, port, management, builder.start(), log);
    }

    /**
     * A copy of the jar, taken once it reads as a whole zip: a build of the app's module while this runs would
     * otherwise replace (or half-write) the jar under the running JVM.
     */
    private static Path copyWhole(Path jar, Path copy) throws IOException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            try (ZipFile ignored = new ZipFile(copy.toFile())) {
                return copy;
            } catch (ZipException beingWritten) {
                if (Instant.now().isAfter(deadline)) {
                    throw beingWritten;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void awaitReady(HttpClient http) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
