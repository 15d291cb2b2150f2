package dev.orfeas.images;

import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** The locally built images (scripts/build-images.sh, run by this module's build before the tests). */
final class Images {

    static final String VERSION = "0.1.0";
    static final DockerImageName GENERATE = DockerImageName.parse("orfeas/generate:" + VERSION);
    static final DockerImageName EVENTS = DockerImageName.parse("orfeas/events:" + VERSION);
    static final DockerImageName S3PROXY = DockerImageName.parse("orfeas/s3proxy:" + VERSION);

    /** The non-root user every runtime stage runs as. */
    static final String RUNTIME_USER = "10001:10001";

    private Images() {
    }

    /** The repository root (set by the POM; the module folder's grandparent otherwise). */
    static Path root() {
        String root = System.getProperty("orfeas.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
        if (!Files.isRegularFile(path.resolve("scripts/build-images.sh"))) {
            throw new IllegalStateException("not the repository root: " + path);
        }
        return path;
    }

    /**
     * Query for a slow generation (~3 s here for {@link #slowPhoto()}) that is never a cache hit: meshes are cached
     * by image and options, and the tests of one JVM share one S3 server, so each call gets its own face budget.
     */
    static String slowUncachedQuery() {
        return "quality=high&detail=1&faces=" + (300_000 + ThreadLocalRandom.current().nextInt(200_000));
    }

    /** Debian python3-skimage's astronaut.png, 512 × 512: with {@link #slowUncachedQuery()} a few seconds of work. */
    static Path slowPhoto() {
        return Path.of("/usr/lib/python3/dist-packages/skimage/data/astronaut.png");
    }

    /** A real photograph from Debian's python3-skimage (installed by scripts/test.sh), 451 × 300 PNG. */
    static Path photo() {
        return Path.of("/usr/lib/python3/dist-packages/skimage/data/chelsea.png");
    }
}
