package dev.orfeas.generate.engine;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.decode.ImageLimits;
import dev.orfeas.mesh.segment.SegmentationSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("orfeas.generation")
public record EngineProperties(
        Path modelPath,
        @NotNull @Pattern(regexp = "auto|cpu|gpu", message = "must be auto, cpu or gpu") @DefaultValue("auto")
        String device,
        @NotNull @DefaultValue("20MB") DataSize maxBytes,
        @Min(1) @DefaultValue("40000000") long maxPixels,
        @Min(16) @DefaultValue("12000") int maxDimension,
        @Min(1) @DefaultValue("8") int minDimension,
        @Min(1) @Max(256) @DefaultValue("4") int maxConcurrent,
        @DefaultValue("true") boolean warmUp,
        @NotNull @Pattern(regexp = "auto|always|never", message = "must be auto, always or never")
        @DefaultValue("auto") String modelWarmUp,
        @NotNull @DefaultValue @jakarta.validation.Valid Segmentation segmentation,
        @NotNull @DefaultValue("30s") java.time.Duration bodyTimeout) {

    /**
     * @param model     ONNX salient-object model (scripts/fetch-models.sh installs IS-Net); unset = built-in only
     * @param sha256    when set, the model file must hash to it (start-up fails otherwise)
     * @param threads   intra-op threads of one inference; 0 = one per core
     * @param cpuArena  ONNX Runtime's CPU arena (faster repeats, much more resident memory)
     */
    public record Segmentation(Path model, String sha256, @Min(0) @Max(256) @DefaultValue("0") int threads,
                               @DefaultValue("false") boolean cpuArena) {
    }

    @AssertTrue(message = "model-path must name a readable TorchScript file (not a directory)")
    public boolean isModelReadable() {
        return modelPath == null || (Files.isRegularFile(modelPath) && Files.isReadable(modelPath));
    }

    @AssertTrue(message = "max-bytes must be between 1KB and 1GB")
    public boolean isMaxBytesInRange() {
        return maxBytes == null || (maxBytes.toBytes() >= 1024 && maxBytes.toBytes() <= 1L << 30);
    }

    @AssertTrue(message = "body-timeout must be between 1s and 1h")
    public boolean isBodyTimeoutInRange() {
        return bodyTimeout == null || (bodyTimeout.toMillis() >= 1000 && bodyTimeout.toSeconds() <= 3600);
    }

    @AssertTrue(message = "min-dimension must not exceed max-dimension")
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
