package dev.orfeas.events.web;

import com.nimbusds.jose.KeySourceException;

/**
 * The issuer's keys cannot be had (JWKS unreachable, refused, malformed): a token cannot be judged either way, so the
 * caller gets a 503 with {@code Retry-After}, never a 401 that would make a broker drop the event.
 */
final class JwksUnavailableException extends KeySourceException {

    JwksUnavailableException(String message) {
        super(message);
    }
}
