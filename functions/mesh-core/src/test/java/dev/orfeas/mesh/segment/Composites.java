package dev.orfeas.mesh.segment;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test photos with a known answer: objects with a real alpha channel (Debian's adwaita-icon-theme artwork) pasted
 * onto real photographs (Debian's python3-skimage samples) — busy scenes and textures, not plain colours — and
 * saved as JPEG. The ground truth is the pasted alpha. Deterministic: fixed placement seeds. The photographs have
 * no dominant subject of their own: pasting an object over a motorcycle asks "which one?", which no ground truth
 * answers (docs/benchmarks.md lists those cases apart, as {@link #DISTRACTORS}).
 */
public final class Composites {

    static final Path ICONS = Path.of("/usr/share/icons/Adwaita/512x512/devices");
    static final Path PHOTOS = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    /** Objects and the photographs they are pasted on, in pairs. */
    private static final String[][] PAIRS = {
            {"audio-headphones.png", "moon.png"},
            {"camera-web.png", "brick.png"},
            {"input-gaming.png", "gravel.png"},
            {"audio-microphone.png", "hubble_deep_field.jpg"},
            {"phone.png", "grass.png"},
            {"printer.png", "retina.jpg"},
            {"input-mouse.png", "rocket.jpg"},
            {"drive-harddisk.png", "ihc.png"},
            {"computer.png", "brick.png"},
            {"scanner.png", "gravel.png"},
            {"input-tablet.png", "hubble_deep_field.jpg"},
            {"video-display.png", "grass.png"},
    };

    /** Objects pasted over a photograph with its own salient subject: reported, not asserted. */
    private static final String[][] DISTRACTORS = {
            {"audio-headphones.png", "motorcycle_left.png"},
            {"printer.png", "motorcycle_right.png"},
            {"camera-web.png", "coffee.png"},
            {"phone.png", "chelsea.png"},
    };

    public static final int WIDTH = 1024;
    public static final int HEIGHT = 768;

    /**
     * @param truth {@code true} where the pasted object's alpha is at least one half, WIDTH × HEIGHT row-major
     */
    public record Composite(String name, byte[] jpeg, boolean[] truth) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Composites() {
    }

    /** The first {@code count} composites (at most 12). */
    public static List<Composite> first(int count) {
        List<Composite> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, PAIRS.length); i++) {
            out.add(make(PAIRS[i][0], PAIRS[i][1], i));
        }
        return out;
    }

    /** The composites whose photograph has a salient subject of its own. */
    public static List<Composite> withDistractors() {
        List<Composite> out = new ArrayList<>();
        for (int i = 0; i < DISTRACTORS.length; i++) {
            out.add(make(DISTRACTORS[i][0], DISTRACTORS[i][1], 100 + i));
        }
        return out;
    }

    static Composite make(String object, String photo, int seed) {
        BufferedImage icon = read(ICONS.resolve(object));
        BufferedImage background = read(PHOTOS.resolve(photo));
        Random random = new Random(seed);
        BufferedImage canvas = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        // cover the canvas with the photograph (scaled to fill, centred)
        double cover = Math.max(WIDTH / (double) background.getWidth(), HEIGHT / (double) background.getHeight());
        int bw = (int) Math.ceil(background.getWidth() * cover);
        int bh = (int) Math.ceil(background.getHeight() * cover);
        g.drawImage(background, (WIDTH - bw) / 2, (HEIGHT - bh) / 2, bw, bh, null);
        // the object at 50–70 % of the height, near the centre
        int side = (int) (HEIGHT * (0.5 + 0.2 * random.nextDouble()));
        int x = (WIDTH - side) / 2 + (int) ((random.nextDouble() - 0.5) * 0.2 * WIDTH);
        int y = (HEIGHT - side) / 2 + (int) ((random.nextDouble() - 0.5) * 0.2 * HEIGHT);
        BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D s = scaled.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        s.drawImage(icon, 0, 0, side, side, null);
        s.dispose();
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(scaled, x, y, null);
        g.dispose();
        boolean[] truth = new boolean[WIDTH * HEIGHT];
        for (int py = 0; py < side; py++) {
            for (int px = 0; px < side; px++) {
                int cx = x + px;
                int cy = y + py;
                if (cx >= 0 && cy >= 0 && cx < WIDTH && cy < HEIGHT && (scaled.getRGB(px, py) >>> 24) >= 128) {
                    truth[cy * WIDTH + cx] = true;
                }
            }
        }
        String name = object.replace(".png", "") + " on " + photo.replaceFirst("\\.[a-z]+$", "");
        return new Composite(name, jpeg(canvas), truth);
    }

    private static BufferedImage read(Path file) {
        assertThat(file).as("test artwork comes from Debian packages that scripts/test.sh installs").exists();
        try {
            return ImageIO.read(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
