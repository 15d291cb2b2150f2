package dev.orfeas.generate.security;

import dev.orfeas.cloudevents.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The accepted keys, as SHA-256 hashes only; lookups compare every hash in constant time. */
public final class ApiKeys {

    private final List<byte[]> hashes;

    public ApiKeys(SecurityProperties properties) {
        this(properties.apiKeys(), properties.apiKeyHashes());
    }

    public ApiKeys(List<String> keys, List<String> keyHashes) {
        List<byte[]> all = new ArrayList<>();
        keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::sha256).forEach(all::add);
        keyHashes.stream().map(h -> HexFormat.of().parseHex(h.strip().toLowerCase())).forEach(all::add);
        this.hashes = List.copyOf(all);
    }

    /** The internal callers' keys ({@code orfeas.security.internal.*}). */
    public static ApiKeys internal(SecurityProperties properties) {
        return new ApiKeys(properties.internal().apiKeys(), properties.internal().apiKeyHashes());
    }

    public int size() {
        return hashes.size();
    }

    /** The key's id (first 12 hex digits of its hash, safe to log) when it is one of ours. */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented.strip());
        boolean match = false;
        for (byte[] known : hashes) {
            match |= MessageDigest.isEqual(known, hash);
        }
        return match ? Optional.of(HexFormat.of().formatHex(hash).substring(0, 12)) : Optional.empty();
    }

    static byte[] sha256(String key) {
        return Sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    }
}
