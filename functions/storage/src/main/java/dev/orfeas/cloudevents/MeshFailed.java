package dev.orfeas.cloudevents;

/**
 * Data of {@code mesh.failed} (subject: the source key): an input that can never become a mesh.
 *
 * @param reason a stable word ({@code not-found}, the rejection's kind)
 */
public record MeshFailed(ObjectRef source, String reason, String detail) {
}
