package dev.orfeas.mesh.field;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Depth from a TorchScript model (loaded once, offline, through DJL), shaped by the silhouette: the model's
 * relative depth, normalised inside the object, scales the Poisson profile between 0.5× and 1.5×, so the mesh stays
 * closed and the rim stays on the silhouette whatever the model says. Predictors are not thread-safe: each call
 * borrows one from a pool.
 */
public final class ModelDepthField implements FieldSource, AutoCloseable {

    private final TorchRuntime torch;
    private final ZooModel<FieldGrid, float[]> model;
    private final BlockingQueue<Predictor<FieldGrid, float[]>> idle;
    private final String id;

    public ModelDepthField(TorchRuntime torch, Path modelFile, int maxConcurrent) {
        if (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile)) {
            throw new IllegalArgumentException("depth model not readable: " + modelFile);
        }
        this.torch = torch;
        Criteria<FieldGrid, float[]> criteria = Criteria.builder()
                .setTypes(FieldGrid.class, float[].class)
                .optModelPath(modelFile)
                .optEngine("PyTorch")
                .optDevice(torch.device())
                .optTranslator(new DepthModelTranslator())
                .build();
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalArgumentException("cannot load depth model " + modelFile + ": " + e.getMessage(), e);
        }
        idle = new ArrayBlockingQueue<>(maxConcurrent);
        for (int i = 0; i < maxConcurrent; i++) {
            idle.add(model.newPredictor());
        }
        id = "model-" + sha256Prefix(modelFile);
    }

    @Override
    public HeightField compute(FieldGrid grid, double detail) {
        float[] cellDepth = predict(grid);
        float[] h;
        try (NDManager scope = torch.newScope()) {
            h = PoissonSolver.solve(PoissonSolver.kernelFor(torch, scope), grid);
        }
        return InflationField.fromPotential(grid, h, cornerShape(grid, cellDepth), detail, FieldMode.MODEL);
    }

    private float[] predict(FieldGrid grid) {
        Predictor<FieldGrid, float[]> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a predictor", e);
        }
        try {
            float[] depth = predictor.predict(grid);
            if (depth.length != grid.width() * grid.height()) {
                throw new IllegalStateException("depth model returned " + depth.length + " values for a "
                        + grid.width() + "×" + grid.height() + " input; it must keep the spatial size");
            }
            return depth;
        } catch (TranslateException e) {
            throw new IllegalStateException("depth model failed: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    /** Per-corner factor 0.5..1.5 from the depth of the inside cells around it, normalised over the object. */
    private static float[] cornerShape(FieldGrid grid, float[] cellDepth) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < cellDepth.length; i++) {
            if (grid.inside()[i] && Float.isFinite(cellDepth[i])) {
                min = Math.min(min, cellDepth[i]);
                max = Math.max(max, cellDepth[i]);
            }
        }
        float range = max > min ? max - min : 1;
        int w = grid.cornersWide();
        float[] shape = new float[w * grid.cornersHigh()];
        for (int cy = 0; cy < grid.cornersHigh(); cy++) {
            for (int cx = 0; cx < w; cx++) {
                float sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 0; dy++) {
                    for (int dx = -1; dx <= 0; dx++) {
                        if (grid.isInside(cx + dx, cy + dy)) {
                            float d = cellDepth[(cy + dy) * grid.width() + cx + dx];
                            sum += Float.isFinite(d) ? (d - min) / range : 0.5f;
                            n++;
                        }
                    }
                }
                shape[cy * w + cx] = 0.5f + (n == 0 ? 0.5f : sum / n);
            }
        }
        return shape;
    }

    private static String sha256Prefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot read depth model " + file, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        Predictor<FieldGrid, float[]> p;
        while ((p = idle.poll()) != null) {
            p.close();
        }
        model.close();
    }
}
