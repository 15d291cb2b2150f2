package dev.orfeas.generate.generation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on work run in parallel inside a request, its own exception rethrown as it was (a 503 stays a 503). */
public final class Futures {

    private Futures() {
    }

    public static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
