package dev.orfeas.events.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defence in depth for the internal event endpoints ({@code POST /}, {@code POST /backup}), behind the
 * NetworkPolicy: when a token is set, a call must carry it in {@link InternalAuth#HEADER}.
 *
 * @param token the shared token (a secret; never printed); empty: the endpoints take any caller that can reach them
 */
@ConfigurationProperties("orfeas.events.internal-auth")
public record InternalAuthProperties(String token) {

    public boolean required() {
        return token != null && !token.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "InternalAuthProperties[token=" + (required() ? "****" : "(none: internal endpoints open)") + "]";
    }
}
