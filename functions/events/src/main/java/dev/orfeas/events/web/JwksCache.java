package dev.orfeas.events.web;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The issuer's keys, fetched on first use and again after {@code ttl}. A token whose key id is not in the set makes
 * one more fetch (the issuer rotated its signing key in), at most once per {@code minRefetch}, so made-up key ids
 * cannot flood the issuer. A refresh that fails keeps the keys already held; with none held it is a
 * {@link JwksUnavailableException} (the caller answers 503, Retry-After 5 s), tried again at most every
 * {@link #RETRY_WITHOUT_KEYS} or {@code minRefetch}, whichever is shorter. Fetches are serialised: one at a time
 * however many requests wait.
 */
final class JwksCache implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    /** With no keys at all, a failed fetch is tried again this soon (the 503's Retry-After). */
    static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(5);

    /** Fetches the key set; {@link JwksClient#fetch()} in the app. */
    interface Fetch {
        JWKSet fetch() throws JwksUnavailableException;
    }

    private final Fetch fetch;
    private final Duration ttl;
    private final Duration minRefetch;
    private final Clock clock;

    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private long fetches;

    JwksCache(Fetch fetch, Duration ttl, Duration minRefetch, Clock clock) {
        this.fetch = fetch;
        this.ttl = ttl;
        this.minRefetch = minRefetch;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws JwksUnavailableException {
        Set<String> ids = selector.getMatcher().getKeyIDs();
        String kid = ids == null || ids.size() != 1 ? null : ids.iterator().next();
        return selector.select(keysFor(kid));
    }

    /** The current key set, fetched again first when stale, or when {@code kid} is not in it (rate-limited). */
    synchronized JWKSet keysFor(String kid) throws JwksUnavailableException {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(ttl))) {
            refresh(now, () -> "the key set is " + (keys == null ? "not fetched yet" : "older than " + ttl));
        } else if (kid != null && keys.getKeyByKeyId(kid) == null && mayFetch(now)) {
            refresh(now, () -> "no key " + kid);
        }
        return keys;
    }

    /** How many fetches were made (a metric for tests and the log). */
    synchronized long fetches() {
        return fetches;
    }

    private boolean mayFetch(Instant now) {
        Duration wait = keys == null && RETRY_WITHOUT_KEYS.compareTo(minRefetch) < 0 ? RETRY_WITHOUT_KEYS : minRefetch;
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(wait));
    }

    private void refresh(Instant now, Supplier<String> why) throws JwksUnavailableException {
        if (!mayFetch(now)) {
            if (keys == null) {
                throw new JwksUnavailableException("the issuer's keys are unavailable (the last fetch failed; "
                        + "tried again shortly)");
            }
            return;
        }
        lastAttempt = now;
        fetches++;
        try {
            JWKSet fetched = fetch.fetch();
            log.debug("fetched {} signing key(s) ({})", fetched.size(), why.get());
            keys = fetched;
            fetchedAt = now;
        } catch (JwksUnavailableException e) {
            if (keys == null) {
                throw e;
            }
            log.warn("{}; using the {} key(s) fetched at {}", e.getMessage(), keys.size(), fetchedAt);
        }
    }
}
