package dev.orfeas.images;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A private Docker network with an S3 server on it (the S3Proxy image, not published on the host), shared by the
 * tests of one JVM, and generate containers wired to it. The S3 credentials are made up per run.
 */
final class S3Network {

    static final String S3_ALIAS = "s3";
    static final String ACCESS_KEY = "orfeas-it";
    static final String SECRET_KEY = randomHex(20);

    private static Network network;
    private static GenericContainer<?> s3;

    private S3Network() {
    }

    static synchronized Network network() {
        if (network == null) {
            network = Network.newNetwork();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (s3 != null) {
                    s3.stop();
                }
                network.close();
            }));
        }
        return network;
    }

    /** The S3 server; its data lives on a tmpfs at /data inside it. */
    @SuppressWarnings("resource") // stopped by the shutdown hook
    static synchronized GenericContainer<?> s3() {
        if (s3 == null) {
            s3 = new GenericContainer<>(Images.S3PROXY)
                    .withImagePullPolicy(name -> false)
                    .withNetwork(network())
                    .withNetworkAliases(S3_ALIAS)
                    .withEnv(Map.of("S3PROXY_IDENTITY", ACCESS_KEY, "S3PROXY_CREDENTIAL", SECRET_KEY))
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                    .withTmpFs(Map.of("/tmp", "rw", "/data", "rw,uid=10001,gid=10001"))
                    .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(60)));
            s3.start();
        }
        return s3;
    }

    /**
     * A generate container (not started) as the images are meant to run: read-only root filesystem, /tmp on a
     * tmpfs, open mode (no API keys: a test machine), storage on this network's S3 server, plain-text logs.
     */
    @SuppressWarnings("resource") // callers close it
    static GenericContainer<?> generate() {
        s3();
        return new GenericContainer<>(Images.GENERATE)
                .withImagePullPolicy(name -> false)
                .withNetwork(network())
                .withExposedPorts(8080)
                .withEnv(Map.of(
                        "ORFEAS_SECURITY_OPEN", "true",
                        "ORFEAS_STORAGE_ENDPOINT", "http://" + S3_ALIAS + ":8080",
                        "ORFEAS_STORAGE_ACCESS_KEY", ACCESS_KEY,
                        "ORFEAS_STORAGE_SECRET_KEY", SECRET_KEY,
                        // S3Proxy rejects the SDK's checksum trailers (docs/configuration.md)
                        "ORFEAS_STORAGE_CHECKSUMS", "when-required",
                        "ORFEAS_LOG_FORMAT", ""))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .withTmpFs(Map.of("/tmp", "rw"))
                .waitingFor(Wait.forHttp("/readyz").forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(90)));
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
