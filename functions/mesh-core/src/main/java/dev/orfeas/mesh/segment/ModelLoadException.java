package dev.orfeas.mesh.segment;

import java.nio.file.Path;

/** The segmentation model file cannot be used; the message names the file and what is wrong with it. */
public final class ModelLoadException extends RuntimeException {

    public ModelLoadException(Path file, String problem) {
        super("segmentation model " + file + " " + problem);
    }
}
