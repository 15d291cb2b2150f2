package dev.orfeas.generate.engine;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.decode.ImageLimits;
import dev.orfeas.mesh.segment.SegmentationSettings;
import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine and the limits of one instance ({@code orfeas.generation.*}).
 *
 * @param modelPath     TorchScript depth model; unset = built-in Poisson inflation
 * @param device        auto, cpu or gpu
 * @param maxBytes      largest accepted upload
 * @param maxPixels     largest accepted width × height
 * @param maxDimension  largest accepted width or height
 * @param minDimension  smallest accepted width and height
 * @param maxConcurrent generations at once; more get 429 (match the ksvc's containerConcurrency)
 * @param warmUp        run one small generation before reporting ready
 * @param modelWarmUp   run the segmentation model once before reporting ready: {@code auto} only where it runs on
 *                      CUDA (on the CPU a first inference costs about what any other does, so a waiting first
 *                      request gains nothing from it: docs/benchmarks.md, "Cold start"), {@code always}, {@code never}
 * @param segmentation  the learned foreground segmenter ({@code orfeas.generation.segmentation.*})
 * @param bodyTimeout   an upload must arrive whole within this (408 otherwise); read before a slot is taken
 */
@ConfigurationProperties("orfeas.generation")
public record EngineProperties(
        Path modelPath,
        @DefaultValue("auto") String device,
        @DefaultValue("20MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("12000") int maxDimension,
        @DefaultValue("8") int minDimension,
        @DefaultValue("4") int maxConcurrent,
        @DefaultValue("true") boolean warmUp,
        @DefaultValue("auto") String modelWarmUp,
        @DefaultValue Segmentation segmentation,
        @DefaultValue("30s") java.time.Duration bodyTimeout) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.require("modelPath", isModelReadable(), "model-path must name a readable TorchScript file (not a directory)")
                .oneOf("device", device, "auto", "cpu", "gpu")
                .notNull("maxBytes", maxBytes).require("maxBytes", isMaxBytesInRange(), "must be between 1KB and 1GB")
                .atLeast("maxPixels", maxPixels, 1)
                .atLeast("maxDimension", maxDimension, 16)
                .atLeast("minDimension", minDimension, 1)
                .require("minDimension", isDimensionsOrdered(), "min-dimension must not exceed max-dimension")
                .range("maxConcurrent", maxConcurrent, 1, 256)
                .oneOf("modelWarmUp", modelWarmUp, "auto", "always", "never")
                .nested("segmentation", segmentation, Segmentation::check)
                .notNull("bodyTimeout", bodyTimeout)
                .require("bodyTimeout", isBodyTimeoutInRange(), "must be between 1s and 1h");
    }

    /**
     * @param model     ONNX salient-object model (scripts/fetch-models.sh installs IS-Net); unset = built-in only
     * @param sha256    when set, the model file must hash to it (start-up fails otherwise)
     * @param threads   intra-op threads of one inference; 0 = one per core
     * @param cpuArena  ONNX Runtime's CPU arena (faster repeats, much more resident memory)
     */
    public record Segmentation(Path model, String sha256, @DefaultValue("0") int threads,
                               @DefaultValue("false") boolean cpuArena) {

        void check(Checks checks) {
            checks.range("threads", threads, 0, 256);
        }
    }

    public boolean isModelReadable() {
        return modelPath == null || (Files.isRegularFile(modelPath) && Files.isReadable(modelPath));
    }

    public boolean isMaxBytesInRange() {
        return maxBytes == null || (maxBytes.toBytes() >= 1024 && maxBytes.toBytes() <= 1L << 30);
    }

    public boolean isBodyTimeoutInRange() {
        return bodyTimeout == null || (bodyTimeout.toMillis() >= 1000 && bodyTimeout.toSeconds() <= 3600);
    }

    public boolean isDimensionsOrdered() {
        return minDimension <= maxDimension;
    }

    public EngineSettings settings() {
        return new EngineSettings(new ImageLimits(maxBytes.toBytes(), maxPixels, maxDimension, minDimension),
                Optional.ofNullable(modelPath), device, Optional.ofNullable(segmentation.model()).filter(p -> !p.toString().isBlank()),
                Optional.ofNullable(segmentation.sha256()).filter(s -> !s.isBlank()),
                new SegmentationSettings(segmentation.threads(), segmentation.cpuArena(), false));
    }
}
