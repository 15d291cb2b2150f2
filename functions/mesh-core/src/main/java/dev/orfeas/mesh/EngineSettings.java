package dev.orfeas.mesh;

import dev.orfeas.mesh.decode.ImageLimits;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the engine is set up once, at start.
 *
 * @param limits    input limits checked before decoding
 * @param modelPath a TorchScript depth model (see docs/model-contract.md); empty = built-in Poisson inflation
 * @param device    "auto" (GPU when present, else CPU), "cpu" or "gpu"
 */
public record EngineSettings(ImageLimits limits, Optional<Path> modelPath, String device) {

    public EngineSettings {
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, was '" + device + "'");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(ImageLimits.defaults(), Optional.empty(), "auto");
    }

    public EngineSettings withModel(Path model) {
        return new EngineSettings(limits, Optional.of(model), device);
    }
}
