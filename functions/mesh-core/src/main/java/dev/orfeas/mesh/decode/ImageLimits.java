package dev.orfeas.mesh.decode;

/**
 * Input limits, checked before decoding (bytes, and dimensions read from the header).
 *
 * @param maxBytes     largest accepted encoded size
 * @param maxPixels    largest accepted width × height (decompression-bomb guard)
 * @param maxDimension largest accepted width or height
 * @param minDimension smallest accepted width and height
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxDimension, int minDimension) {

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxDimension <= 0 || minDimension <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** 20 MiB, 40 megapixels, 12,000 px a side, at least 8 px a side. */
    public static ImageLimits defaults() {
        return new ImageLimits(20L * 1024 * 1024, 40_000_000L, 12_000, 8);
    }
}
