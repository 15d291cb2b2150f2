package dev.orfeas.mesh;

/**
 * The input cannot become a mesh. Subtypes say why, so a caller (the HTTP layer) can map each to its status:
 * undecodable → 400, too large → 413, unsupported type → 415, no foreground → 422.
 */
public abstract sealed class ImageRejectedException extends RuntimeException
        permits ImageRejectedException.Undecodable, ImageRejectedException.TooLarge,
                ImageRejectedException.UnsupportedType, ImageRejectedException.NoForeground {

    protected ImageRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Empty, truncated or corrupt data, or dimensions too small to use. */
    public static final class Undecodable extends ImageRejectedException {
        public Undecodable(String message) {
            super(message, null);
        }

        public Undecodable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** More bytes or pixels than the configured limits (checked from the header, before decoding). */
    public static final class TooLarge extends ImageRejectedException {
        public TooLarge(String message) {
            super(message, null);
        }
    }

    /** Not an image format the engine reads (PNG, JPEG, WebP). */
    public static final class UnsupportedType extends ImageRejectedException {
        public UnsupportedType(String message) {
            super(message, null);
        }
    }

    /** The image decodes but holds no object: uniform, fully transparent, or only a speck. */
    public static final class NoForeground extends ImageRejectedException {
        public NoForeground(String message) {
            super(message, null);
        }
    }
}
