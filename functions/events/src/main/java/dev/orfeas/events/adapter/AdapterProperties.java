package dev.orfeas.events.adapter;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * The MinIO webhook adapter ({@code POST /webhooks/minio}).
 *
 * @param authToken     the {@code auth_token} configured on MinIO's webhook target, sent as a bearer token; when
 *                      empty every webhook call is refused (never printed)
 * @param maxBody       larger notification bodies are refused with 413
 * @param prefixes      only keys starting with one of these become events (empty: all keys)
 * @param suffixes      only keys ending with one of these become events (empty: all keys)
 * @param dedupCapacity how many delivered event ids are remembered, so a redelivered notification is not
 *                      emitted twice
 */
@ConfigurationProperties("orfeas.events.adapter")
public record AdapterProperties(
        String authToken,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue List<String> prefixes,
        @DefaultValue List<String> suffixes,
        @DefaultValue("100000") int dedupCapacity) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.notNull("maxBody", maxBody).require("maxBody", isMaxBodyInRange(), "must be between 1KB and 64MB")
                .notNull("prefixes", prefixes).notNull("suffixes", suffixes)
                .range("dedupCapacity", dedupCapacity, 0, 10_000_000);
    }

    public boolean isMaxBodyInRange() {
        return maxBody == null || (maxBody.toBytes() >= 1024 && maxBody.toBytes() <= 64L * 1024 * 1024);
    }

    public boolean hasToken() {
        return authToken != null && !authToken.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AdapterProperties[authToken=" + (hasToken() ? "****" : "(none: webhooks refused)") + ", maxBody="
                + maxBody + ", prefixes=" + prefixes + ", suffixes=" + suffixes + ", dedupCapacity=" + dedupCapacity
                + "]";
    }
}
