package dev.orfeas.mesh.decode;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import java.util.zip.CRC32;

/** Builds test images in memory: PNG and JPEG through ImageIO writers, EXIF and WebP (VP8L) by hand. */
final class Fixtures {

    private Fixtures() {
    }

    static BufferedImage filled(int width, int height, int argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    static BufferedImage noise(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    static byte[] jpeg(BufferedImage image) {
        return jpeg(new IIOImage(opaque(image), null, null), false);
    }

    static byte[] progressiveJpeg(BufferedImage image) {
        return jpeg(new IIOImage(opaque(image), null, null), true);
    }

    /** JPEG has no alpha: the writers refuse ARGB images. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    /**
     * A CMYK JPEG as Photoshop writes it: an Adobe APP14 segment (transform 0: no colour transform) and inverted
     * channel values (0 = full ink). {@code ink} holds plain ink amounts (255 = full ink).
     */
    static byte[] cmykJpeg(Raster ink) {
        WritableRaster inverted = ink.createCompatibleWritableRaster();
        int[] samples = ink.getPixels(0, 0, ink.getWidth(), ink.getHeight(), (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 255 - samples[i];
        }
        inverted.setPixels(0, 0, ink.getWidth(), ink.getHeight(), samples);
        byte[] jpeg = jpeg(new IIOImage(inverted, null, null), false);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return insertAfterSoi(jpeg, adobe);
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] jpeg(IIOImage image, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A TIFF block holding just IFD0 with the Orientation tag. */
    static byte[] exifOrientation(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** Inserts an APP1 "Exif" segment right after SOI. */
    static byte[] withExifApp1(byte[] jpeg, byte[] tiff) {
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + header.length + tiff.length;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xFF);
        segment.write(0xE1);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(header);
        segment.writeBytes(tiff);
        return insertAfterSoi(jpeg, segment.toByteArray());
    }

    /** Inserts a chunk (with a correct CRC) right after IHDR. */
    static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(pngChunk(type, data));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Rewrites the IHDR width and height and fixes the chunk's CRC. */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer b = ByteBuffer.wrap(patched);
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return patched;
    }

    /** Rewrites the height and width in the first SOFn segment. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] patched = jpeg.clone();
        int pos = 2;
        while (true) {
            int marker = patched[pos + 1] & 0xFF;
            int length = (patched[pos + 2] & 0xFF) << 8 | (patched[pos + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                ByteBuffer.wrap(patched).putShort(pos + 5, (short) height).putShort(pos + 7, (short) width);
                return patched;
            }
            pos += 2 + length;
        }
    }

    /**
     * A lossless WebP (VP8L) whose pixels are black, or green where {@code green} says so. Hand-assembled: no
     * transforms, no colour cache, and "simple" prefix codes (one symbol for red, blue and alpha, zero or one bit
     * per pixel for green).
     */
    static byte[] webpLossless(int width, int height, BiPredicate<Integer, Integer> green) {
        return riff(chunk("VP8L", vp8l(width, height, green)));
    }

    /** The same image inside an extended (VP8X) container with an EXIF chunk. */
    static byte[] webpLosslessWithExif(int width, int height, BiPredicate<Integer, Integer> green, byte[] tiff) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0x08).put(new byte[3]);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(chunk("VP8X", vp8x.array()));
        body.writeBytes(chunk("VP8L", vp8l(width, height, green)));
        body.writeBytes(chunk("EXIF", tiff));
        return riff(body.toByteArray());
    }

    static byte[] vp8l(int width, int height, BiPredicate<Integer, Integer> green) {
        boolean twoGreens = false;
        for (int y = 0; y < height && !twoGreens; y++) {
            for (int x = 0; x < width; x++) {
                twoGreens |= green.test(x, y);
            }
        }
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // alpha_is_used
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        if (twoGreens) {
            simpleCode(bits, 0, 255); // green: 0 → code 0, 255 → code 1
        } else {
            simpleCode(bits, 0);
        }
        simpleCode(bits, 0);   // red
        simpleCode(bits, 0);   // blue
        simpleCode(bits, 255); // alpha
        simpleCode(bits, 0);   // distance
        if (twoGreens) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    bits.write(green.test(x, y) ? 1 : 0, 1);
                }
            }
        }
        return bits.toByteArray();
    }

    private static void simpleCode(BitWriter bits, int... symbols) {
        bits.write(1, 1); // simple code
        bits.write(symbols.length - 1, 1);
        bits.write(1, 1); // first symbol has 8 bits
        bits.write(symbols[0], 8);
        if (symbols.length == 2) {
            bits.write(symbols[1], 8);
        }
    }

    static byte[] chunk(String fourcc, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourcc.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    static byte[] riff(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length);
        b.put("WEBP".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    /** Least-significant-bit-first bit packing, as VP8L reads. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        void write(int value, int n) {
            buffer |= (long) (value & ((1 << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (buffer & 0xFF));
                buffer >>>= 8;
                count -= 8;
            }
        }

        byte[] toByteArray() {
            if (count > 0) {
                out.write((int) (buffer & 0xFF));
                buffer = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }
}
