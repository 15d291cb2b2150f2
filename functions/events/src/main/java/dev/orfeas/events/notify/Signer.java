package dev.orfeas.events.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The notification signature: {@code X-Orfeas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * "<t>." + body)>}, the timestamp also in {@code X-Orfeas-Timestamp}. A receiver recomputes it over the raw body and
 * rejects timestamps older than a few minutes (replays). See docs/events.md.
 */
public final class Signer {

    public static final String SIGNATURE_HEADER = "X-Orfeas-Signature";
    public static final String TIMESTAMP_HEADER = "X-Orfeas-Timestamp";

    private final byte[] secret;

    public Signer(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp, body);
    }

    /** HMAC-SHA256 over {@code "<timestamp>." + body}, lower-case hex. */
    public static String hmac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
