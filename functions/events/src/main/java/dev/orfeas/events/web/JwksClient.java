package dev.orfeas.events.web;

import com.nimbusds.jose.jwk.JWKSet;
import dev.orfeas.cloudevents.TokenFile;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.time.Duration;

/**
 * GETs the issuer's JSON Web Key Set: over https with the cluster CA when one is given, with the pod's own
 * service-account token as bearer when one is given (read per fetch: the kubelet rotates it). A failure of any kind
 * (unreachable, non-200, over 1 MiB, not a JWKS, token file unreadable) is a {@link JwksUnavailableException}.
 */
final class JwksClient {

    private static final int MAX_BYTES = 1 << 20;

    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;
    private final TokenFile token;

    JwksClient(URI uri, Duration timeout, Path caFile, Path tokenFile) {
        var builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (caFile != null) {
            builder.sslContext(trusting(caFile));
        }
        this.http = builder.build();
        this.uri = uri;
        this.timeout = timeout;
        this.token = tokenFile == null ? null : new TokenFile(tokenFile);
    }

    JWKSet fetch() throws JwksUnavailableException {
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token.read());
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new JwksUnavailableException("the JWKS at " + uri + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new JwksUnavailableException("the JWKS at " + uri + " is over 1 MiB");
                }
                // public keys only: a private member in the set is dropped, never used
                return JWKSet.parse(new String(bytes, StandardCharsets.UTF_8)).toPublicJWKSet();
            }
        } catch (TokenFile.UnreadableException e) {
            throw new JwksUnavailableException("the JWKS request's " + e.getMessage());
        } catch (ParseException e) {
            throw new JwksUnavailableException("the JWKS at " + uri + " is not a JSON Web Key Set: " + e.getMessage());
        } catch (IOException e) {
            throw new JwksUnavailableException("the JWKS at " + uri + " is unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwksUnavailableException("interrupted fetching the JWKS at " + uri);
        }
    }

    /** An SSL context trusting exactly the PEM certificates of {@code caFile} (the cluster CA). */
    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("orfeas.events.oidc.jwks-ca-file " + caFile + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("orfeas.events.oidc.jwks-ca-file " + caFile + " is unreadable: " + e, e);
        }
    }
}
