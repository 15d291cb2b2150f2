package dev.orfeas.generate.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A Bucket4j token bucket per API key (per client address in open mode). */
public class RateLimiter {

    private static final int MAX_BUCKETS = 10_000;

    private final SecurityProperties.RateLimit limit;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter rejected;

    public RateLimiter(SecurityProperties.RateLimit limit, MeterRegistry registry) {
        this.limit = limit;
        this.rejected = Counter.builder("orfeas.requests.rejected").tag("reason", "rate-limit")
                .description("Requests refused with 429").register(registry);
    }

    /** Empty when allowed; else the seconds to wait. */
    public OptionalLong tryConsume(String client) {
        if (!limit.enabled()) {
            return OptionalLong.empty();
        }
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.refillPerMinute(), Duration.ofMinutes(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        rejected.increment();
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
