package dev.orfeas.mesh.bench;

import dev.orfeas.mesh.TestImages;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The engine bench's inputs, the same bytes every run: a real photo (relief path) and real alpha artwork (inflate
 * path) from Debian's python3-skimage samples, resampled to 512² and 1024², and a synthetic object on a backdrop
 * (segmentation path). Shared by {@link PipelineBench} and the quality check on the same images.
 */
public final class BenchImages {

    static final Path SAMPLES = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    private BenchImages() {
    }

    /** Name ("photo-1024.jpg") → encoded image, in bench order. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        BufferedImage photo = read(SAMPLES.resolve("astronaut.png"));
        BufferedImage artwork = read(SAMPLES.resolve("logo.png"));
        inputs.put("photo-512.jpg", TestImages.jpeg(resize(photo, 512, BufferedImage.TYPE_INT_RGB)));
        inputs.put("photo-1024.jpg", TestImages.jpeg(resize(photo, 1024, BufferedImage.TYPE_INT_RGB)));
        inputs.put("alpha-512.png", TestImages.png(resize(artwork, 512, BufferedImage.TYPE_INT_ARGB)));
        inputs.put("alpha-1024.png", TestImages.png(resize(artwork, 1024, BufferedImage.TYPE_INT_ARGB)));
        inputs.put("backdrop-1024.jpg", TestImages.jpeg(TestImages.objectOnBackdrop(1024, 1024, 2)));
        return inputs;
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("bench images come from Debian's python3-skimage: " + file, e);
        }
    }

    private static BufferedImage resize(BufferedImage source, int side, int type) {
        BufferedImage out = new BufferedImage(side, side, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(source, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
