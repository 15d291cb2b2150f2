package dev.orfeas.mesh;

/** Pipeline stages in order, with the share of progress reached when each one finishes. */
public enum Stage {
    DECODE(10),
    FOREGROUND(20),
    FIELD(45),
    SURFACE(60),
    SIMPLIFY(80),
    TEXTURE(88),
    EXPORT(97),
    REPORT(100);

    private final int percentWhenDone;

    Stage(int percentWhenDone) {
        this.percentWhenDone = percentWhenDone;
    }

    public int percentWhenDone() {
        return percentWhenDone;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
