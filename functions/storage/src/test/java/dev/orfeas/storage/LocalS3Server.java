package dev.orfeas.storage;

import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import org.springframework.test.context.DynamicPropertyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: S3Proxy 2.6.0 (filesystem backend, data in a temp dir) as its own process
 * on a random loopback port, started from the classpath functions/local-s3 copies into its target/.
 * One per test JVM ({@link #shared()}); {@link #stop()} and {@link #start()} let a test take it away and back.
 */
public final class LocalS3Server {

    public static final String ACCESS_KEY = "orfeas-test";
    /** Made up per run: a throw-away server on loopback still gets no credential from the code. */
    public static final String SECRET_KEY = "test-" + java.util.UUID.randomUUID();

    private static LocalS3Server shared;

    private final Path dataDir;
    private final Path classpathDir;
    private final int port;
    private Process process;

    private LocalS3Server(Path classpathDir) throws IOException {
        this.classpathDir = classpathDir;
        this.dataDir = Files.createTempDirectory("orfeas-s3-");
        this.port = freePort();
    }

    /** The server shared by every test in this JVM; started on first use, stopped at JVM exit. */
    public static synchronized LocalS3Server shared() {
        if (shared == null) {
            try {
                shared = new LocalS3Server(findClasspath());
                shared.start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A server of its own (e.g. a second S3 endpoint), started now and stopped at JVM exit. */
    public static LocalS3Server startNew() {
        try {
            LocalS3Server server = new LocalS3Server(findClasspath());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Spring properties pointing {@code orfeas.storage.*} at this server. */
    public List<String> springProperties() {
        return List.of(
                "orfeas.storage.endpoint=" + endpoint(),
                "orfeas.storage.access-key=" + ACCESS_KEY,
                "orfeas.storage.secret-key=" + SECRET_KEY,
                "orfeas.storage.checksums=when-required");
    }

    /** An object store on this server whose meshes and backups buckets are these (created when missing). */
    public TestStore openStore(String meshesBucket, String backupsBucket) {
        var properties = new StorageProperties(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY, true, true,
                "when-required", Duration.ofHours(1), DataSize.ofMegabytes(16), DataSize.ofMegabytes(8),
                new StorageProperties.Buckets("uploads", meshesBucket, backupsBucket, "failed"));
        S3Client client = S3Clients.client(properties);
        ObjectStore store = new ObjectStore(client, S3Clients.presigner(properties), properties);
        store.ensureBuckets(List.of(meshesBucket, backupsBucket));
        return new TestStore(store, client);
    }

    /** Registers {@link #springProperties()} with a test's {@code @DynamicPropertySource}. */
    public void addTo(DynamicPropertyRegistry registry) {
        for (String property : springProperties()) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path props = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    "jclouds.filesystem.basedir=" + dataDir, ""));
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path logConfig = classpathDir.getParent().getParent().resolve("logback.xml");
            process = new ProcessBuilder(java, "-DLOG_LEVEL=warn", "-Dlogback.configurationFile=" + logConfig,
                    "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", classpathDir + "/*", "org.gaul.s3proxy.Main", "--properties", props.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitPort(Duration.ofSeconds(60), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (the data stays); {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void destroy() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir; the OS cleans it eventually
        }
    }

    private void awaitPort(Duration timeout, Path log) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not listen on " + port + " within " + timeout);
    }

    private static Path findClasspath() {
        String configured = System.getProperty("orfeas.s3proxy.classpath");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("functions/local-s3/target/s3proxy");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("S3Proxy classpath not found: build functions/local-s3 first "
                + "(mvn -pl functions/local-s3 generate-resources)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
