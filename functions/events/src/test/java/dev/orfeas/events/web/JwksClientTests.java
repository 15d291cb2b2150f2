package dev.orfeas.events.web;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JWKS fetch as it runs on a cluster: https to an endpoint whose certificate only the cluster CA vouches for
 * (a certificate keytool made for this run, served by the JDK's HttpsServer), with the pod's token as bearer.
 */
class JwksClientTests {

    @TempDir
    static Path dir;

    static HttpsServer server;
    static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();
    static final String KID = "api-server-key";

    @BeforeAll
    static void serveOverHttps() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=kubernetes", "-ext", "san=ip:127.0.0.1,dns:kubernetes.default.svc",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", dir.resolve("ca.crt").toString());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        byte[] jwks = new JWKSet(new RSAKeyGenerator(2048).keyID(KID).generate()).toString(false)
                .getBytes(StandardCharsets.UTF_8);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/openid/v1/jwks", exchange -> {
            AUTHORIZATION.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theClusterCaIsTrustedThePodTokenSentAndOnlyPublicKeysKept() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "pod-token\n");
        JWKSet keys = new JwksClient(uri(), Duration.ofSeconds(5), dir.resolve("ca.crt"), token).fetch();

        assertThat(keys.getKeyByKeyId(KID)).isNotNull();
        assertThat(keys.getKeyByKeyId(KID).isPrivate()).as("a private member is dropped").isFalse();
        assertThat(AUTHORIZATION).last().isEqualTo("Bearer pod-token");
    }

    @Test
    void withoutTheClusterCaTheFetchIsRefusedAsUnavailable() {
        var client = new JwksClient(uri(), Duration.ofSeconds(5), null, null);
        assertThatThrownBy(client::fetch).isInstanceOf(JwksUnavailableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void anUnreadableTokenFileIsUnavailableAndNoRequestGoesOut() {
        int before = AUTHORIZATION.size();
        var client = new JwksClient(uri(), Duration.ofSeconds(5), dir.resolve("ca.crt"), dir.resolve("no-such-token"));
        assertThatThrownBy(client::fetch).isInstanceOf(JwksUnavailableException.class)
                .hasMessageContaining("token file");
        assertThat(AUTHORIZATION).hasSize(before);
    }

    private static URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/openid/v1/jwks");
    }

    private static void keytool(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }
}
