package dev.orfeas.mesh;

import dev.orfeas.mesh.decode.ImageLimits;
import dev.orfeas.mesh.segment.SegmentationSettings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the engine is set up once, at start.
 *
 * @param limits             input limits checked before decoding
 * @param modelPath          a TorchScript depth model (see docs/model-contract.md); empty = built-in Poisson inflation
 * @param device             "auto" (GPU when present, else CPU), "cpu" or "gpu"
 * @param segmentationModel  an ONNX salient-object model (docs/model-contract.md); empty = built-in segmentation only
 * @param segmentationSha256 when present, the segmentation model file must hash to it
 * @param segmentation       threads and memory of the segmentation session
 */
public record EngineSettings(ImageLimits limits, Optional<Path> modelPath, String device,
                             Optional<Path> segmentationModel, Optional<String> segmentationSha256,
                             SegmentationSettings segmentation) {

    public EngineSettings {
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, was '" + device + "'");
        }
    }

    /** Without a segmentation model. */
    public EngineSettings(ImageLimits limits, Optional<Path> modelPath, String device) {
        this(limits, modelPath, device, Optional.empty(), Optional.empty(), SegmentationSettings.defaults());
    }

    public static EngineSettings defaults() {
        return new EngineSettings(ImageLimits.defaults(), Optional.empty(), "auto");
    }

    public EngineSettings withModel(Path model) {
        return new EngineSettings(limits, Optional.of(model), device, segmentationModel, segmentationSha256,
                segmentation);
    }

    public EngineSettings withSegmentationModel(Path model, SegmentationSettings newSegmentation) {
        return new EngineSettings(limits, modelPath, device, Optional.of(model), segmentationSha256, newSegmentation);
    }
}
