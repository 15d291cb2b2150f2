package dev.orfeas.mesh.export;

/** One file an export produced: its name (e.g. {@code model.obj}), media type and bytes. */
public record ExportedFile(String name, String mediaType, byte[] bytes) {
}
