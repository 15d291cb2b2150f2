package dev.orfeas.storage;

/**
 * A key (or continuation token) that is refused before the object store is asked: empty, over 1,024 bytes, with a
 * {@code ..} segment or a control character — or one the store itself answered 400 for. A caller's mistake (4xx),
 * never retryable.
 */
public class InvalidObjectKeyException extends RuntimeException {

    public InvalidObjectKeyException(String message) {
        super(message);
    }

    /** The key unchanged when it is safe to send to the store. */
    public static String requireSafe(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidObjectKeyException("an object key must not be empty");
        }
        if (key.length() > 1024) {
            throw new InvalidObjectKeyException("an object key is at most 1024 characters");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidObjectKeyException("an object key must not hold control characters");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                throw new InvalidObjectKeyException("an object key must not hold '..' segments");
            }
        }
        return key;
    }
}
