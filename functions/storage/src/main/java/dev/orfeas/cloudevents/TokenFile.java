package dev.orfeas.cloudevents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A bearer token kept in a file, as a projected service-account token is (Knative Eventing's OIDC sender identity:
 * the token for the broker's audience). The kubelet rotates it by swapping the file, so it is re-read whenever its
 * modification time, size or identity changes, and otherwise served from memory: one stat per send. An unreadable,
 * missing or empty file is an {@link UnreadableException} — the deployment's fault, never a silent send without a
 * token. The token itself is never part of a message or {@link #toString()}.
 */
public final class TokenFile {

    private final Path path;
    private volatile Snapshot cached;

    public TokenFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /** The current token (stripped of surrounding whitespace). */
    public String read() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Snapshot last = cached;
            if (last != null && last.sameFile(attributes)) {
                return last.token();
            }
            String token = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new UnreadableException("token file " + path + " is empty");
            }
            cached = new Snapshot(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), token);
            return token;
        } catch (IOException e) {
            throw new UnreadableException("token file " + path + " is unreadable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "TokenFile[" + path + "]";
    }

    private record Snapshot(FileTime modified, long size, Object fileKey, String token) {

        boolean sameFile(BasicFileAttributes attributes) {
            return modified.equals(attributes.lastModifiedTime()) && size == attributes.size()
                    && Objects.equals(fileKey, attributes.fileKey());
        }
    }

    /** The token file cannot give a token (missing, unreadable, empty): a deployment fault. */
    public static final class UnreadableException extends RuntimeException {

        public UnreadableException(String message) {
            super(message);
        }
    }
}
