package dev.orfeas.events.web;

import dev.orfeas.web.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization: Bearer …} header against a configured token in constant time. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /**
     * @param authorization the header value (may be null)
     * @param expected      the configured token (not blank)
     * @param name          what the token is called, for the error (e.g. "MinIO's auth_token")
     */
    public static void require(String authorization, String expected, String name) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(Problems.UNAUTHORIZED, "send " + name + " as 'Authorization: Bearer …'");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problems.UNAUTHORIZED, "the bearer token is not " + name);
        }
    }
}
