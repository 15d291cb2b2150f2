package dev.orfeas.mesh.decode;

import java.awt.image.BufferedImage;

/**
 * A decoded image, upright (EXIF orientation applied), as 8-bit sRGB with alpha.
 *
 * @param image       {@link BufferedImage#TYPE_INT_ARGB}
 * @param format      "png", "jpeg" or "webp"
 * @param hasAlpha    whether the source carried an alpha channel (or a transparent palette entry)
 */
public record DecodedImage(BufferedImage image, String format, boolean hasAlpha) {

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
