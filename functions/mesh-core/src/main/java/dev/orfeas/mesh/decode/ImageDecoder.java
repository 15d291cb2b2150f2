package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * Decode/validate stage: encoded bytes → an upright 8-bit sRGB ARGB image, or an {@link ImageRejectedException}
 * saying why not. Order of checks: size in bytes, format by magic bytes, dimensions from the header (before any
 * pixel is decoded), container structure, then the pixels.
 *
 * <p>Thread-safe: every call uses its own reader and an in-memory stream (no ImageIO cache files).
 */
public final class ImageDecoder {

    private final DimensionGuard guard;

    public ImageDecoder(ImageLimits limits) {
        this.guard = new DimensionGuard(Objects.requireNonNull(limits, "limits"));
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException.Undecodable("empty image");
        }
        guard.checkBytes(bytes.length);
        ImageFormat format = FormatSniffer.sniff(bytes);
        ImageReader reader = ImageReaders.create(format);
        try (ImageInputStream input = new EofLimitedInputStream(bytes)) {
            reader.setInput(input, true, true);
            guard.checkDimensions(reader.getWidth(0), reader.getHeight(0));
            byte[] exif = switch (format) {
                case PNG -> PngChunks.validateAndFindExif(bytes);
                case JPEG -> ExifLocator.inJpeg(bytes);
                case WEBP -> WebpChunks.validateAndFindExif(bytes);
            };
            BufferedImage raw = readPixels(reader);
            boolean hasAlpha = raw.getColorModel().hasAlpha();
            BufferedImage argb = ArgbConverter.toArgb(raw);
            BufferedImage upright = OrientationTransform.apply(argb, ExifOrientation.read(exif));
            return new DecodedImage(upright, format.formatName(), hasAlpha);
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException.Undecodable(
                    "cannot decode " + format.formatName() + " image: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage readPixels(ImageReader reader) throws IOException {
        ReadWarnings warnings = new ReadWarnings();
        reader.addIIOReadWarningListener(warnings);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        ImageReadParam param = reader.getDefaultReadParam();
        BufferedImage image = reader.read(0, param);
        if (warnings.fatal() != null) {
            throw new ImageRejectedException.Undecodable("image data is truncated or corrupt: " + warnings.fatal());
        }
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            throw new ImageRejectedException.Undecodable("image data does not match its header");
        }
        return image;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && cause != e) {
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
