package dev.orfeas.events.adapter;

import java.time.Duration;

/**
 * How long one notification may spend waiting out the sink's {@code Retry-After}, all its events together: the
 * in-request backoff stays bounded (MinIO waits for our answer), and what is left over goes back to MinIO as a 502
 * to redeliver later.
 */
public final class RetryBudget {

    private final Sleeper sleeper;
    private long remainingMillis;

    /** Sleeps; a test may count instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public RetryBudget(Duration budget, Sleeper sleeper) {
        this.remainingMillis = budget.toMillis();
        this.sleeper = sleeper;
    }

    public static RetryBudget of(Duration budget) {
        return new RetryBudget(budget, Thread::sleep);
    }

    /** Waits {@code seconds} and returns true when the budget allows it; else false, without waiting. */
    public boolean take(long seconds) {
        long millis = Math.max(1, seconds) * 1000;
        if (millis > remainingMillis) {
            return false;
        }
        remainingMillis -= millis;
        try {
            sleeper.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public long remainingMillis() {
        return remainingMillis;
    }
}
