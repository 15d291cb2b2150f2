package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;

/** Checks header dimensions against the limits before a single pixel is decoded (decompression-bomb guard). */
final class DimensionGuard {

    private final ImageLimits limits;

    DimensionGuard(ImageLimits limits) {
        this.limits = limits;
    }

    void checkBytes(long byteCount) {
        if (byteCount > limits.maxBytes()) {
            throw new ImageRejectedException.TooLarge(
                    "image is " + byteCount + " bytes; the limit is " + limits.maxBytes() + " bytes");
        }
    }

    void checkDimensions(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException.Undecodable(
                    "image header declares an invalid size of " + width + "×" + height + " px");
        }
        long pixels = (long) width * height;
        if (width > limits.maxDimension() || height > limits.maxDimension() || pixels > limits.maxPixels()) {
            throw new ImageRejectedException.TooLarge("image is " + width + "×" + height + " px (" + pixels
                    + " pixels); the limit is " + limits.maxPixels() + " pixels and " + limits.maxDimension()
                    + " px a side");
        }
        int min = limits.minDimension();
        if (width < min || height < min) {
            throw new ImageRejectedException.Undecodable(
                    "image is " + width + "×" + height + " px; at least " + min + "×" + min + " needed");
        }
    }
}
