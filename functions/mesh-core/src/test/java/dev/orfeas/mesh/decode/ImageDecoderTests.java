package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ImageDecoderTests {

    private static final int RED = 0xFFFF0000;
    private static final int GREEN = 0xFF00FF00;
    private static final int BLUE = 0xFF0000FF;

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    // --- what is accepted -------------------------------------------------------------------------------------

    @Test
    void rgbaPngDecodesToArgbWithItsAlpha() {
        BufferedImage source = Fixtures.filled(16, 12, 0x80FF8000);
        source.setRGB(0, 0, 0x00000000);

        DecodedImage decoded = decoder.decode(Fixtures.png(source));

        assertThat(decoded.format()).isEqualTo("png");
        assertThat(decoded.hasAlpha()).isTrue();
        assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertThat(decoded.width()).isEqualTo(16);
        assertThat(decoded.height()).isEqualTo(12);
        assertThat(decoded.image().getRGB(5, 5)).isEqualTo(0x80FF8000);
        assertThat(decoded.image().getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void fullyTransparentPngDecodesSoTheForegroundStageCanRejectIt() {
        DecodedImage decoded = decoder.decode(Fixtures.png(Fixtures.filled(10, 10, 0x00000000)));

        assertThat(decoded.hasAlpha()).isTrue();
        assertThat(Arrays.stream(pixels(decoded)).map(argb -> argb >>> 24)).containsOnly(0);
    }

    @Test
    void opaqueRgbPngHasNoAlpha() {
        BufferedImage rgb = new BufferedImage(9, 9, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(4, 4, 0x123456);

        DecodedImage decoded = decoder.decode(Fixtures.png(rgb));

        assertThat(decoded.hasAlpha()).isFalse();
        assertThat(decoded.image().getRGB(4, 4)).isEqualTo(0xFF123456);
    }

    @Test
    void greyPngKeepsItsGreyLevelsWithoutGammaShift() {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 3, 0, 100);
        grey.getRaster().setSample(4, 4, 0, 200);

        DecodedImage decoded = decoder.decode(Fixtures.png(grey));

        assertThat(decoded.hasAlpha()).isFalse();
        assertThat(decoded.image().getRGB(3, 3)).isEqualTo(0xFF646464);
        assertThat(decoded.image().getRGB(4, 4)).isEqualTo(0xFFC8C8C8);
        assertThat(decoded.image().getRGB(0, 0)).isEqualTo(0xFF000000);
    }

    @Test
    void greyWithAlphaPngKeepsGreyAndAlpha() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        raster.setPixel(2, 5, new int[] {100, 50});
        BufferedImage greyAlpha = new BufferedImage(model, raster, false, null);

        DecodedImage decoded = decoder.decode(Fixtures.png(greyAlpha));

        assertThat(decoded.hasAlpha()).isTrue();
        assertThat(decoded.image().getRGB(2, 5)).isEqualTo(0x32646464);
        assertThat(decoded.image().getRGB(0, 0)).isEqualTo(0x00000000);
    }

    @Test
    void sixteenBitRgbPngIsScaledToEightBits() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        raster.setPixel(1, 1, new int[] {0xFFFF, 0x8080, 0x0000});
        BufferedImage deep = new BufferedImage(model, raster, false, null);

        DecodedImage decoded = decoder.decode(Fixtures.png(deep));

        assertThat(decoded.image().getRGB(1, 1)).isEqualTo(0xFFFF8000);
        assertThat(decoded.hasAlpha()).isFalse();
    }

    @Test
    void sixteenBitGreyPngIsScaledToEightBitsWithoutGammaShift() {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(6, 2, 0, 0x6464);

        DecodedImage decoded = decoder.decode(Fixtures.png(grey));

        assertThat(decoded.image().getRGB(6, 2)).isEqualTo(0xFF646464);
    }

    @Test
    void palettePngMapsIndicesToTheirColours() {
        IndexColorModel palette = new IndexColorModel(2, 4,
                new byte[] {(byte) 255, 0, 0, (byte) 255}, new byte[] {0, (byte) 255, 0, (byte) 255},
                new byte[] {0, 0, (byte) 255, (byte) 255});
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);
        indexed.getRaster().setSample(2, 0, 0, 2);
        indexed.getRaster().setSample(3, 0, 0, 3);

        DecodedImage decoded = decoder.decode(Fixtures.png(indexed));

        assertThat(decoded.hasAlpha()).isFalse();
        assertThat(decoded.image().getRGB(0, 0)).isEqualTo(RED);
        assertThat(decoded.image().getRGB(1, 0)).isEqualTo(GREEN);
        assertThat(decoded.image().getRGB(2, 0)).isEqualTo(BLUE);
        assertThat(decoded.image().getRGB(3, 0)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void palettePngWithTransparentEntryHasAlpha() {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {0, 0}, new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(4, 4, 0, 1);

        byte[] png = Fixtures.png(indexed);
        DecodedImage decoded = decoder.decode(png);

        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("tRNS");
        assertThat(decoded.hasAlpha()).isTrue();
        assertThat(decoded.image().getRGB(0, 0) >>> 24).isZero();
        assertThat(decoded.image().getRGB(4, 4)).isEqualTo(RED);
    }

    @Test
    void baselineJpegDecodesOpaque() {
        DecodedImage decoded = decoder.decode(Fixtures.jpeg(Fixtures.filled(24, 16, BLUE)));

        assertThat(decoded.format()).isEqualTo("jpeg");
        assertThat(decoded.hasAlpha()).isFalse();
        assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertClose(decoded.image().getRGB(12, 8), BLUE, 8);
    }

    @Test
    void progressiveJpegDecodes() {
        BufferedImage source = Fixtures.filled(32, 32, RED);

        DecodedImage decoded = decoder.decode(Fixtures.progressiveJpeg(source));

        assertClose(decoded.image().getRGB(16, 16), RED, 8);
    }

    @Test
    void greyJpegDecodesToEqualChannels() {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 100);
            }
        }

        int argb = decoder.decode(Fixtures.jpeg(grey)).image().getRGB(8, 8);

        assertClose(argb, 0xFF646464, 3);
    }

    @Test
    void cmykJpegIsConvertedToRgb() {
        // Quadrants: white (no ink), black (K), cyan (C), yellow (Y).
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, new Point());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int[] ink = x < 16 ? (y < 16 ? new int[] {0, 0, 0, 0} : new int[] {0, 0, 0, 255})
                        : (y < 16 ? new int[] {255, 0, 0, 0} : new int[] {0, 0, 255, 0});
                cmyk.setPixel(x, y, ink);
            }
        }

        DecodedImage decoded = decoder.decode(Fixtures.cmykJpeg(cmyk));

        int[] white = rgb(decoded.image().getRGB(8, 8));
        int[] black = rgb(decoded.image().getRGB(8, 24));
        int[] cyan = rgb(decoded.image().getRGB(24, 8));
        int[] yellow = rgb(decoded.image().getRGB(24, 24));
        assertThat(decoded.hasAlpha()).isFalse();
        assertThat(Arrays.stream(white).min().orElseThrow()).isGreaterThan(220);
        assertThat(Arrays.stream(black).max().orElseThrow()).isLessThan(70);
        assertThat(cyan[0]).isLessThan(80);
        assertThat(cyan[1]).isGreaterThan(120);
        assertThat(cyan[2]).isGreaterThan(180);
        assertThat(yellow[0]).isGreaterThan(200);
        assertThat(yellow[1]).isGreaterThan(200);
        assertThat(yellow[2]).isLessThan(90);
    }

    @Test
    void losslessWebpDecodes() {
        byte[] webp = Fixtures.webpLossless(16, 8, (x, y) -> x < 4 && y < 4);

        DecodedImage decoded = decoder.decode(webp);

        assertThat(decoded.format()).isEqualTo("webp");
        assertThat(decoded.width()).isEqualTo(16);
        assertThat(decoded.height()).isEqualTo(8);
        assertThat(decoded.image().getRGB(1, 1)).isEqualTo(GREEN);
        assertThat(decoded.image().getRGB(10, 5)).isEqualTo(0xFF000000);
    }

    @Test
    void sameBytesDecodeToSamePixelsAcrossCallsDecodersAndThreads() throws Exception {
        byte[] jpeg = Fixtures.jpeg(Fixtures.noise(64, 48, 7));
        int[] expected = pixels(decoder.decode(jpeg));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = pool.invokeAll(java.util.Collections.nCopies(8,
                    () -> pixels(new ImageDecoder(ImageLimits.defaults()).decode(jpeg))));
            for (Future<int[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- EXIF orientation -------------------------------------------------------------------------------------

    /**
     * The stored 32×16 image has a red block where the upright image's top-left corner comes from and a green
     * block where its top-right corner comes from (EXIF 2.3, table of Orientation values); the rest is blue.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, TL, TR", "2, TR, TL", "3, BR, BL", "4, BL, BR",
            "5, TL, BL", "6, BL, TL", "7, BR, TR", "8, TR, BR"})
    void jpegExifOrientationIsAppliedSoTheImageIsUpright(int orientation, String redAt, String greenAt) {
        byte[] jpeg = Fixtures.withExifApp1(Fixtures.jpeg(marked(redAt, greenAt)),
                Fixtures.exifOrientation(orientation, orientation % 2 == 0));

        assertUpright(decoder.decode(jpeg), orientation, 24);
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, TL, TR", "2, TR, TL", "3, BR, BL", "4, BL, BR",
            "5, TL, BL", "6, BL, TL", "7, BR, TR", "8, TR, BR"})
    void pngExifChunkOrientationIsApplied(int orientation, String redAt, String greenAt) {
        byte[] png = Fixtures.withPngChunk(Fixtures.png(marked(redAt, greenAt)), "eXIf",
                Fixtures.exifOrientation(orientation, false));

        assertUpright(decoder.decode(png), orientation, 0);
    }

    @Test
    void webpExifChunkOrientationIsApplied() {
        // Stored 16×8 with a green block bottom-left; orientation 6 (rotate 90° clockwise) puts it top-left.
        byte[] webp = Fixtures.webpLosslessWithExif(16, 8, (x, y) -> x < 4 && y >= 4,
                Fixtures.exifOrientation(6, true));

        DecodedImage decoded = decoder.decode(webp);

        assertThat(decoded.width()).isEqualTo(8);
        assertThat(decoded.height()).isEqualTo(16);
        assertThat(decoded.image().getRGB(1, 1)).isEqualTo(GREEN);
        assertThat(decoded.image().getRGB(6, 1)).isEqualTo(0xFF000000);
    }

    @Test
    void malformedExifIsIgnoredAndTheImageKeptAsStored() {
        byte[] garbageTiff = "MM\0*\0\0\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] jpeg = Fixtures.withExifApp1(Fixtures.jpeg(marked("TL", "TR")), garbageTiff);

        assertUpright(decoder.decode(jpeg), 1, 24);
    }

    // --- what is rejected -------------------------------------------------------------------------------------

    @Test
    void emptyInputIsUndecodable() {
        assertThatThrownBy(() -> decoder.decode(new byte[0]))
                .isInstanceOf(ImageRejectedException.Undecodable.class)
                .hasMessage("empty image");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "html", "zip", "gif", "bmp", "tiff", "riff-wave"})
    void nonImageBytesAreAnUnsupportedTypeWhateverTheirName(String kind) {
        byte[] bytes = switch (kind) {
            case "text" -> "just some text, saved as cat.png".getBytes(StandardCharsets.UTF_8);
            case "html" -> "<!doctype html><html><body>cat.jpg</body></html>".getBytes(StandardCharsets.UTF_8);
            case "zip" -> new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
            case "gif" -> "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
            case "bmp" -> new byte[] {'B', 'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0};
            case "tiff" -> new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0};
            default -> "RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        };

        assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOf(ImageRejectedException.UnsupportedType.class)
                .hasMessageContaining("PNG, JPEG or WebP");
    }

    @Test
    void moreBytesThanTheLimitIsTooLarge() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1000, 40_000_000, 12_000, 8));

        assertThatThrownBy(() -> small.decode(Fixtures.png(Fixtures.noise(64, 64, 1))))
                .isInstanceOf(ImageRejectedException.TooLarge.class)
                .hasMessageContaining("the limit is 1000 bytes");
    }

    @Test
    void onePixelImageIsUndecodableWithTheMinimumInTheMessage() {
        assertThatThrownBy(() -> decoder.decode(Fixtures.png(Fixtures.filled(1, 1, RED))))
                .isInstanceOf(ImageRejectedException.Undecodable.class)
                .hasMessage("image is 1×1 px; at least 8×8 needed");
    }

    @Test
    void pngDeclaringHugeDimensionsIsTooLargeBeforeAnyPixelIsDecoded() {
        byte[] bomb = Fixtures.withPngSize(Fixtures.png(Fixtures.filled(8, 8, RED)), 100_000, 100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> decoder.decode(bomb))
                        .isInstanceOf(ImageRejectedException.TooLarge.class)
                        .hasMessageContaining("100000×100000")
                        .hasMessageContaining("40000000"));
    }

    @Test
    void jpegDeclaringHugeDimensionsIsTooLargeBeforeAnyPixelIsDecoded() {
        byte[] bomb = Fixtures.withJpegSize(Fixtures.jpeg(Fixtures.filled(16, 16, RED)), 60_000, 60_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> decoder.decode(bomb))
                        .isInstanceOf(ImageRejectedException.TooLarge.class)
                        .hasMessageContaining("60000×60000"));
    }

    @Test
    void oneSideOverTheDimensionLimitIsTooLarge() {
        ImageDecoder narrow = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20, 100, 8));

        assertThatThrownBy(() -> narrow.decode(Fixtures.png(Fixtures.filled(101, 8, RED))))
                .isInstanceOf(ImageRejectedException.TooLarge.class)
                .hasMessageContaining("101×8");
    }

    @ParameterizedTest(name = "cut at {0}%")
    @ValueSource(ints = {10, 50, 90, 99})
    void truncatedPngIsUndecodable(int percent) {
        byte[] png = Fixtures.png(Fixtures.noise(64, 64, 3));

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length * percent / 100)))
                .isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @ParameterizedTest(name = "cut at {0}%")
    @ValueSource(ints = {10, 50, 90, 99})
    void truncatedJpegIsUndecodableRatherThanPartlyGrey(int percent) {
        byte[] jpeg = Fixtures.jpeg(Fixtures.noise(64, 64, 4));

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length * percent / 100)))
                .isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @Test
    void truncatedProgressiveJpegIsUndecodable() {
        byte[] jpeg = Fixtures.progressiveJpeg(Fixtures.noise(64, 64, 5));

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length * 2 / 3)))
                .isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @Test
    void corruptBytesInTheMiddleOfAPngAreUndecodable() {
        byte[] png = Fixtures.png(Fixtures.noise(64, 64, 6));
        overwriteMiddle(png, 11);

        assertThatThrownBy(() -> decoder.decode(png))
                .isInstanceOf(ImageRejectedException.Undecodable.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void corruptBytesInTheMiddleOfAJpegScanAreUndecodable() {
        byte[] jpeg = Fixtures.jpeg(Fixtures.noise(64, 64, 8));
        overwriteMiddle(jpeg, 12);

        assertThatThrownBy(() -> decoder.decode(jpeg))
                .isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @Test
    void webpHeaderFollowedByGarbageIsUndecodable() {
        byte[] garbage = new byte[200];
        new Random(9).nextBytes(garbage);
        byte[] webp = Fixtures.riff(Fixtures.chunk("VP8 ", garbage));

        assertThatThrownBy(() -> decoder.decode(webp)).isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @Test
    void truncatedWebpIsUndecodable() {
        byte[] webp = Fixtures.webpLossless(64, 64, (x, y) -> (x ^ y) % 3 == 0);

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(webp, webp.length / 2)))
                .isInstanceOf(ImageRejectedException.Undecodable.class);
    }

    @Test
    void webpWhoseLosslessStreamEndsEarlyInsideAConsistentContainerIsUndecodableQuickly() {
        // 256×256 one-bit pixels need 8 KiB; the chunk and RIFF sizes are rewritten to match the cut, so only the
        // bitstream itself is short. The WebP bit reader would read zeros past the end for a long time.
        byte[] stream = Fixtures.vp8l(256, 256, (x, y) -> (x * 7 + y * 3) % 5 == 0);
        byte[] webp = Fixtures.riff(Fixtures.chunk("VP8L", Arrays.copyOf(stream, 64)));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> decoder.decode(webp))
                        .isInstanceOf(ImageRejectedException.Undecodable.class));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static BufferedImage marked(String redAt, String greenAt) {
        BufferedImage stored = Fixtures.filled(32, 16, BLUE);
        paintCorner(stored, redAt, RED);
        paintCorner(stored, greenAt, GREEN);
        return stored;
    }

    private static void paintCorner(BufferedImage image, String corner, int argb) {
        int x0 = corner.endsWith("L") ? 0 : image.getWidth() - 8;
        int y0 = corner.startsWith("T") ? 0 : image.getHeight() - 8;
        for (int y = y0; y < y0 + 8; y++) {
            for (int x = x0; x < x0 + 8; x++) {
                image.setRGB(x, y, argb);
            }
        }
    }

    private static void assertUpright(DecodedImage decoded, int orientation, int tolerance) {
        boolean turned = orientation >= 5;
        assertThat(decoded.width()).isEqualTo(turned ? 16 : 32);
        assertThat(decoded.height()).isEqualTo(turned ? 32 : 16);
        BufferedImage image = decoded.image();
        assertClose(image.getRGB(3, 3), RED, tolerance);
        assertClose(image.getRGB(image.getWidth() - 4, 3), GREEN, tolerance);
        assertClose(image.getRGB(3, image.getHeight() - 4), BLUE, tolerance);
        assertClose(image.getRGB(image.getWidth() - 4, image.getHeight() - 4), BLUE, tolerance);
    }

    private static void overwriteMiddle(byte[] bytes, long seed) {
        byte[] garbage = new byte[64];
        new Random(seed).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, bytes.length / 2, garbage.length);
    }

    private static int[] pixels(DecodedImage decoded) {
        return decoded.image().getRGB(0, 0, decoded.width(), decoded.height(), null, 0, decoded.width());
    }

    private static int[] rgb(int argb) {
        return new int[] {argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
    }

    private static void assertClose(int actual, int expected, int tolerance) {
        for (int shift = 0; shift <= 24; shift += 8) {
            int a = actual >>> shift & 0xFF;
            int e = expected >>> shift & 0xFF;
            assertThat(Math.abs(a - e))
                    .as("channel at bit %d of %08x vs expected %08x", shift, actual, expected)
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
