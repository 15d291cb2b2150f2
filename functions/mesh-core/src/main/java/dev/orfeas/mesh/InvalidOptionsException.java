package dev.orfeas.mesh;

/**
 * A generation option the caller sent is out of range or unknown (a client's mistake: HTTP 400). A dedicated type so
 * callers map exactly this to 400 instead of every {@link IllegalArgumentException}.
 */
public final class InvalidOptionsException extends IllegalArgumentException {

    public InvalidOptionsException(String message) {
        super(message);
    }
}
