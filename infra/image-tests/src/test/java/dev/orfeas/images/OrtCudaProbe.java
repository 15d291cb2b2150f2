package dev.orfeas.images;

/**
 * Run inside the GPU image (by {@link GpuImageTests}) with only ONNX Runtime GPU's classes on the class path: prints
 * the providers this build has, then loads the CUDA provider's library (args[0]), which fails when any library it
 * links is missing. Reflection, so the test module needs no ONNX Runtime of its own.
 */
public final class OrtCudaProbe {

    private OrtCudaProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Class<?> environment = Class.forName("ai.onnxruntime.OrtEnvironment");
        System.out.println("providers " + environment.getMethod("getAvailableProviders").invoke(null));
        // loaded, not started: ORT's CUDA provider crashes the process when it starts without a driver. The JVM
        // loads it without ORT's host symbols (ORT itself loads providers_shared globally first), so the load ends
        // at "undefined symbol: Provider_GetHost" — after every library it links was found; a missing one reads
        // "cannot open shared object file" instead.
        try {
            System.load(args[0]);
            System.out.println("cuda provider library loaded");
        } catch (UnsatisfiedLinkError e) {
            System.out.println("cuda provider library: " + e.getMessage());
        }
    }
}
