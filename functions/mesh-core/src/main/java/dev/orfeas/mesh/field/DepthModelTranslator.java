package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * The depth model's tensor contract (docs/model-contract.md): in, float32 [1, 3, H, W], RGB in 0-1 normalised with
 * the ImageNet mean and standard deviation, one value per grid cell; out, float32 [1, 1, H, W] relative depth,
 * larger = nearer the camera, any scale.
 */
final class DepthModelTranslator implements Translator<FieldGrid, float[]> {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    @Override
    public NDList processInput(TranslatorContext ctx, FieldGrid grid) {
        int n = grid.width() * grid.height();
        float[] chw = new float[3 * n];
        float[][] channels = {grid.red(), grid.green(), grid.blue()};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                chw[c * n + i] = (channels[c][i] - MEAN[c]) / STD[c];
            }
        }
        return new NDList(ctx.getNDManager().create(chw, new Shape(1, 3, grid.height(), grid.width())));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray depth = list.singletonOrThrow();
        Shape shape = depth.getShape();
        if (shape.dimension() != 4 || shape.get(0) != 1 || shape.get(1) != 1) {
            throw new IllegalStateException("depth model must return [1, 1, H, W], returned " + shape);
        }
        return depth.toType(DataType.FLOAT32, false).toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
