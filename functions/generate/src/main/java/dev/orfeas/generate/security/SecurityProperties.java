package dev.orfeas.generate.security;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Who may call ({@code orfeas.security.*}).
 *
 * @param open             no API keys at all: for a single local machine only (logged loudly at start)
 * @param apiKeys          API keys as issued (from a secret); hashed at start, the raw values are not kept
 * @param apiKeyHashes     SHA-256 (hex) of API keys, for secrets that hold only hashes
 * @param eventsWithoutKey accept CloudEvents without a key (Knative brokers send none; keep the event path
 *                         cluster-local when this is on)
 * @param rateLimit        per-key token bucket
 * @param internal         keys of internal callers (the events adapter's fan-out) with a limit of their own, so a
 *                         10,000-record notification is not throttled by the limit meant for clients
 */
@ConfigurationProperties("orfeas.security")
public record SecurityProperties(
        @DefaultValue("false") boolean open,
        @DefaultValue List<String> apiKeys,
        @DefaultValue List<String> apiKeyHashes,
        @DefaultValue("false") boolean eventsWithoutKey,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Internal internal) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.notNull("apiKeys", apiKeys).notNull("apiKeyHashes", apiKeyHashes)
                .nested("rateLimit", rateLimit, RateLimit::check).nested("internal", internal, Internal::check);
        if (apiKeys == null || apiKeyHashes == null || internal == null || internal.apiKeys() == null
                || internal.apiKeyHashes() == null) {
            return; // rejected above
        }
        checks.require("apiKeys", isKeysOrOpen(), "set api-keys or api-key-hashes (ORFEAS_SECURITY_API_KEYS), or "
                        + "open=true for a local, single-user machine (ORFEAS_SECURITY_OPEN=true)")
                .require("apiKeyHashes", isHashesHex(), "api-key-hashes must be 64 hex digits each (sha256sum of the key)")
                .require("apiKeys", isKeysLongEnough(), "api-keys must be at least 16 characters");
    }

    /**
     * @param apiKeys         internal callers' keys as issued (≥ 16 characters); each also works as a normal key
     * @param apiKeyHashes    SHA-256 (hex) of internal keys
     * @param capacity        burst per internal key
     * @param refillPerMinute sustained requests per minute per internal key
     */
    public record Internal(@DefaultValue List<String> apiKeys, @DefaultValue List<String> apiKeyHashes,
                           @DefaultValue("600") int capacity,
                           @DefaultValue("6000") int refillPerMinute) {

        void check(Checks checks) {
            checks.notNull("apiKeys", apiKeys).notNull("apiKeyHashes", apiKeyHashes)
                    .atLeast("capacity", capacity, 1).atLeast("refillPerMinute", refillPerMinute, 1);
        }

        public RateLimit rateLimit(boolean enabled) {
            return new RateLimit(enabled, capacity, refillPerMinute);
        }

        @Override
        public String toString() {
            return "Internal[apiKeys=" + apiKeys.size() + " (hidden), apiKeyHashes=" + apiKeyHashes.size()
                    + ", capacity=" + capacity + ", refillPerMinute=" + refillPerMinute + "]";
        }
    }

    /**
     * @param enabled         apply the limit
     * @param capacity        burst: requests a key may make at once
     * @param refillPerMinute sustained requests per minute per key
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("30") int capacity,
                            @DefaultValue("60") int refillPerMinute) {

        void check(Checks checks) {
            checks.atLeast("capacity", capacity, 1).atLeast("refillPerMinute", refillPerMinute, 1);
        }
    }

    public boolean isKeysOrOpen() {
        return open || !apiKeys.stream().allMatch(String::isBlank) || !apiKeyHashes.isEmpty();
    }

    public boolean isHashesHex() {
        return java.util.stream.Stream.concat(apiKeyHashes.stream(), internal.apiKeyHashes().stream())
                .allMatch(h -> h.strip().matches("[0-9a-fA-F]{64}"));
    }

    public boolean isKeysLongEnough() {
        return java.util.stream.Stream.concat(apiKeys.stream(), internal.apiKeys().stream())
                .filter(k -> !k.isBlank()).allMatch(k -> k.strip().length() >= 16);
    }

    /** Never prints keys. */
    @Override
    public String toString() {
        return "SecurityProperties[open=" + open + ", apiKeys=" + apiKeys.size() + " (hidden), apiKeyHashes="
                + apiKeyHashes.size() + ", eventsWithoutKey=" + eventsWithoutKey + ", rateLimit=" + rateLimit
                + ", internal=" + internal + "]";
    }
}
