package dev.orfeas.storage;

import java.time.Duration;

/**
 * How often a listing is tried again when the store answers 500. S3Proxy's filesystem backend lists the temp file
 * ({@code <key>-<UUID>}, no xattrs yet) of a write still in progress and answers 500 until the write renames it:
 * a transient state of the store, so a listing retries with doubling pauses before it becomes a 503. With
 * {@link #DEFAULT}: pauses of 50, 100, 200 and 400 ms, 0.75 s in all on top of the SDK's own retries (a write
 * finishes in milliseconds); a store that answers 500 for good (a leftover of a killed write) is a 503 after that.
 *
 * @param attempts     tries in all (1: no retry)
 * @param firstBackoff the first pause; each further one doubles
 */
record ListRetry(int attempts, Duration firstBackoff) {

    static final ListRetry DEFAULT = new ListRetry(5, Duration.ofMillis(50));
    static final ListRetry NONE = new ListRetry(1, Duration.ZERO);

    ListRetry {
        if (attempts < 1 || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("attempts must be ≥ 1 and the backoff ≥ 0");
        }
    }

    /** The pause before try {@code attempt + 1}. */
    Duration backoff(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
