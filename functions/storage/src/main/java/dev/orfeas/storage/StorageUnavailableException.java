package dev.orfeas.storage;

/** The object store could not be reached or answered 5xx: worth retrying later (HTTP 503, event redelivery). */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
