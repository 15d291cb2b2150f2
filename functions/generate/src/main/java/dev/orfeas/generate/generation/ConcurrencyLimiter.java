package dev.orfeas.generate.generation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.Semaphore;

/**
 * At most N generations at once per instance (N = the ksvc's containerConcurrency). Does not queue: a request
 * beyond N is refused at once with 429 + Retry-After, so the autoscaler and the client see the pressure.
 */
public class ConcurrencyLimiter {

    private final Semaphore permits;
    private final int limit;
    private final Counter rejected;

    public ConcurrencyLimiter(int limit, MeterRegistry registry) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        Gauge.builder("orfeas.generation.in.flight", this, ConcurrencyLimiter::inFlight)
                .description("Generations running now").register(registry);
        Gauge.builder("orfeas.generation.limit", () -> limit)
                .description("Generations allowed at once").register(registry);
        this.rejected = Counter.builder("orfeas.requests.rejected").tag("reason", "saturated")
                .description("Requests refused with 429").register(registry);
    }

    /** @throws SaturatedException when all permits are taken */
    public Permit acquire() {
        if (!permits.tryAcquire()) {
            rejected.increment();
            throw new SaturatedException(limit);
        }
        return new Permit();
    }

    public int inFlight() {
        return limit - permits.availablePermits();
    }

    /** Released exactly once. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }
}
