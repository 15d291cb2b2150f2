package dev.orfeas.events.adapter;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("orfeas.events.adapter")
public record AdapterProperties(
        String authToken,
        @NotNull @DefaultValue("1MB") DataSize maxBody,
        @NotNull @DefaultValue List<String> prefixes,
        @NotNull @DefaultValue List<String> suffixes,
        @Min(0) @Max(10_000_000) @DefaultValue("100000") int dedupCapacity) {

    @AssertTrue(message = "max-body must be between 1KB and 64MB")
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
