package dev.orfeas.generate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one benchmark image to a file (for curl). Usage: WriteImage FILE */
public final class WriteImage {

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), BenchImages.image(42, 0));
    }
}
