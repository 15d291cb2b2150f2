package dev.orfeas.events.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Stands in for the cluster's service-account issuer: its own RSA and EC signing keys, their public JWKS served by
 * a real HTTP server on loopback (the JDK's com.sun.net.httpserver, as the API server serves
 * {@code /openid/v1/jwks}), and tokens signed the way a kubelet-issued Knative token is (RS256, a {@code kid}).
 * {@link #answer} makes the JWKS endpoint fail; {@link #rotate()} starts serving a key it did not before;
 * {@link #requireBearer} makes it refuse a fetch without that token.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    public static final String AUDIENCE = "serving.knative.dev/service/orfeas/events";
    public static final String SENDER = "system:serviceaccount:orfeas:notify-mesh-generated-oidc-eventing.knative.dev-trigger";

    private final RSAKey rsa = rsa("rsa-1");
    private final ECKey ec = ec("ec-1");
    private final RSAKey next = rsa("rsa-2");
    private final RSAKey stranger = rsa("rsa-1-stranger");
    private final List<JWK> served = new CopyOnWriteArrayList<>(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> bearers = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int answer = 200;
    private volatile String requiredBearer;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/openid/v1/jwks", exchange -> {
            fetches.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            bearers.add(authorization == null ? "" : authorization);
            int status = requiredBearer != null && !("Bearer " + requiredBearer).equals(authorization) ? 401 : answer;
            byte[] body = status == 200 ? new JWKSet(new ArrayList<>(served)).toString().getBytes(StandardCharsets.UTF_8)
                    : "{\"kind\":\"Status\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openid/v1/jwks");
    }

    /** The status the JWKS endpoint answers from now on (200: the keys). */
    public void answer(int status) {
        this.answer = status;
    }

    public void requireBearer(String token) {
        this.requiredBearer = token;
    }

    public int fetches() {
        return fetches.get();
    }

    /** The Authorization header of each fetch ("" when none). */
    public List<String> bearers() {
        return List.copyOf(bearers);
    }

    /** Serves a second RSA key from now on; {@link #signedWithNextKey} tokens verify only after a fetch. */
    public void rotate() {
        served.add(next.toPublicJWK());
    }

    /** Valid claims: our issuer, audience and sender, issued now, for ten minutes. */
    public static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(SENDER)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    /** RS256 with the served RSA key, claims changed by {@code tweak}. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> tweak) {
        return sign(JWSAlgorithm.RS256, rsa.getKeyID(), signer(rsa), tweak.apply(claims()).build());
    }

    public String token() {
        return token(c -> c);
    }

    public String es256Token() {
        return sign(JWSAlgorithm.ES256, ec.getKeyID(), signer(ec), claims().build());
    }

    public String signedWithNextKey() {
        return sign(JWSAlgorithm.RS256, next.getKeyID(), signer(next), claims().build());
    }

    /** Valid in every claim, signed by a key the issuer never served. */
    public String signedByStranger() {
        return sign(JWSAlgorithm.RS256, stranger.getKeyID(), signer(stranger), claims().build());
    }

    /** The key-confusion attack: HS256 with the issuer's public RSA key as the HMAC secret, naming that key. */
    public String hs256WithThePublicKey() {
        try {
            byte[] secret = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
            return sign(JWSAlgorithm.HS256, rsa.getKeyID(), new MACSigner(secret), claims().build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) with valid claims. */
    public static String unsigned() {
        return new PlainJWT(claims().build()).serialize();
    }

    /** A valid token whose payload was swapped for another's (the signature no longer matches). */
    public String tampered() {
        String[] parts = token().split("\\.");
        String[] other = token(c -> c.subject("system:serviceaccount:orfeas:default")).split("\\.");
        return parts[0] + "." + other[1] + "." + parts[2];
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner signer(JWK key) {
        try {
            return key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
