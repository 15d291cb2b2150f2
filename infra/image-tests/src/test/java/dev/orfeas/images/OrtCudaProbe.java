package dev.orfeas.images;

import java.lang.reflect.InvocationTargetException;

/**
 * Run inside the GPU image (by {@link GpuImageTests}) with only ONNX Runtime GPU's classes on the class path: prints
 * the providers this build has and what adding the CUDA provider says. Without a GPU that fails on the device or
 * the driver; with a CUDA library missing it fails on loading the provider library instead, which is the point.
 * Reflection, so the test module needs no ONNX Runtime of its own.
 */
public final class OrtCudaProbe {

    private OrtCudaProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Class<?> environment = Class.forName("ai.onnxruntime.OrtEnvironment");
        System.out.println("providers " + environment.getMethod("getAvailableProviders").invoke(null));
        Class<?> options = Class.forName("ai.onnxruntime.OrtSession$SessionOptions");
        Object session = options.getConstructor().newInstance();
        try {
            options.getMethod("addCUDA", int.class).invoke(session, 0);
            System.out.println("cuda provider added");
        } catch (InvocationTargetException e) {
            System.out.println("cuda provider refused: " + e.getCause());
        }
    }
}
