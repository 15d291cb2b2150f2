package dev.orfeas.cloudevents;

/**
 * Data of {@code mesh.failed} (subject: the source key): an input that can never become a mesh.
 *
 * @param reason a stable slug: the problem type {@code POST /generate} would answer ({@code not-found},
 *               {@code undecodable-image}, {@code unsupported-image-type}, {@code image-too-large},
 *               {@code no-foreground}, {@code image-rejected}; listed in docs/http-api.md)
 */
public record MeshFailed(ObjectRef source, String reason, String detail) {
}
