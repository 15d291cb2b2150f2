package dev.orfeas.mesh.segment;

import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A salient-object segmenter in ONNX (IS-Net by default; contract in docs/model-contract.md): RGB image in, a
 * saliency map in 0..1 out. One session per process: ONNX Runtime sessions are thread-safe for {@code run}.
 *
 * <p>DJL's OnnxRuntime engine provides the runtime (its natives, offline); the session is built here rather than
 * through DJL's {@code OrtSymbolBlock}, which always fetches every graph output — IS-Net has eleven side outputs
 * that would be computed and copied for nothing.
 */
public final class SegmentationModel implements AutoCloseable {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private final Path file;
    private final String sha256;
    private final int side;
    private final OrtSession session;
    private final boolean onCuda;
    private final double loadMillis;

    private SegmentationModel(Path file, String sha256, int side, OrtSession session, boolean onCuda,
                              double loadMillis) {
        this.file = file;
        this.sha256 = sha256;
        this.side = side;
        this.session = session;
        this.onCuda = onCuda;
        this.loadMillis = loadMillis;
    }

    /**
     * Loads and checks the model; every problem is a {@link ModelLoadException} naming the file.
     *
     * @param expectedSha256 when present, the file must hash to it
     * @param settings       threads, arena and device
     */
    public static SegmentationModel load(Path file, Optional<String> expectedSha256, SegmentationSettings settings) {
        long start = System.nanoTime();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, "is not a readable file");
        }
        String sha256 = sha256(file);
        expectedSha256.map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)).filter(s -> !s.equals(sha256))
                .ifPresent(expected -> {
                    throw new ModelLoadException(file, "has sha256 " + sha256 + ", expected " + expected
                            + " (corrupt or a different model: run scripts/fetch-models.sh)");
                });
        Engine.getEngine("OnnxRuntime"); // loads the natives the DJL way (offline, cached)
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = settings.sessionOptions()) {
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelLoadException(file, "is not a loadable ONNX model: " + e.getMessage());
        }
        try {
            int side = checkContract(file, session);
            return new SegmentationModel(file, sha256, side, session, settings.onCuda(),
                    (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Input {@code input} float [1,3,S,S], output {@code output} float [1,1,S,S]; returns S (1024 if dynamic). */
    private static int checkContract(Path file, OrtSession session) {
        try {
            NodeInfo in = session.getInputInfo().get(INPUT);
            NodeInfo out = session.getOutputInfo().get(OUTPUT);
            if (in == null || out == null) {
                throw new ModelLoadException(file, "needs an input named '" + INPUT + "' and an output named '"
                        + OUTPUT + "'; it has inputs " + session.getInputNames() + " and outputs "
                        + session.getOutputNames());
            }
            if (!(in.getInfo() instanceof TensorInfo tin) || tin.getShape().length != 4 || tin.getShape()[1] != 3) {
                throw new ModelLoadException(file, "input '" + INPUT + "' must be a [1,3,S,S] tensor, is "
                        + in.getInfo());
            }
            long h = tin.getShape()[2];
            long w = tin.getShape()[3];
            if (h != w && h > 0 && w > 0) {
                throw new ModelLoadException(file, "input must be square, is " + h + "x" + w);
            }
            return h > 0 ? (int) h : 1024;
        } catch (OrtException e) {
            throw new ModelLoadException(file, "cannot be inspected: " + e.getMessage());
        }
    }

    /** The saliency map of the image, {@link #side()}² values in 0..1, row-major. */
    public float[] predict(BufferedImage image) {
        float[] input = Preprocess.planarRgb(image, side);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, side, side});
             OrtSession.Result result = session.run(Map.of(INPUT, tensor), Set.of(OUTPUT))) {
            OnnxTensor out = (OnnxTensor) result.get(OUTPUT).orElseThrow();
            FloatBuffer values = out.getFloatBuffer();
            float[] map = new float[side * side];
            if (values.remaining() != map.length) {
                throw new IllegalStateException(file + ": output has " + values.remaining() + " values, expected "
                        + map.length);
            }
            values.get(map);
            return map;
        } catch (OrtException e) {
            throw new IllegalStateException("segmentation model " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    /** Side of the square the model sees. */
    public int side() {
        return side;
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** "isnet-quint8@7001d607": the file's name and hash prefix, for reports and mesh ids. */
    public String id() {
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return name + "@" + sha256.substring(0, 8);
    }

    public double loadMillis() {
        return loadMillis;
    }

    /** True when inference runs on CUDA (the session has the CUDA provider), false on the CPU. */
    public boolean onCuda() {
        return onCuda;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing frees native memory; nothing to do when it fails
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
