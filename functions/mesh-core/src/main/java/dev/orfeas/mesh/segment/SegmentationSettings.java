package dev.orfeas.mesh.segment;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.LoggerFactory;

/**
 * How the segmentation session runs.
 *
 * @param intraOpThreads threads one inference may use (0 = ONNX Runtime's default: one per core)
 * @param cpuArena       ONNX Runtime's CPU memory arena: faster repeats, but it grew a JVM to ~2 GB RSS over
 *                       repeated 1024² runs where without it RSS stayed near 1 GB — off by default
 * @param gpu            run on CUDA device 0 when this ONNX Runtime build has the CUDA provider (onnxruntime_gpu);
 *                       else on the CPU, with a warning
 */
public record SegmentationSettings(int intraOpThreads, boolean cpuArena, boolean gpu) {

    public SegmentationSettings {
        if (intraOpThreads < 0 || intraOpThreads > 256) {
            throw new IllegalArgumentException("intra-op threads must be 0..256, was " + intraOpThreads);
        }
    }

    public static SegmentationSettings defaults() {
        return new SegmentationSettings(0, false, false);
    }

    public SegmentationSettings onGpu(boolean onGpu) {
        return new SegmentationSettings(intraOpThreads, cpuArena, onGpu);
    }

    OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setCPUArenaAllocator(cpuArena);
        options.setMemoryPatternOptimization(cpuArena);
        options.setInterOpNumThreads(1);
        if (intraOpThreads > 0) {
            options.setIntraOpNumThreads(intraOpThreads);
        }
        if (onCuda()) {
            options.addCUDA(0);
        } else if (gpu) {
            LoggerFactory.getLogger(SegmentationSettings.class).warn(
                    "the engine runs on a GPU, but this ONNX Runtime has no CUDA provider: segmentation runs on the CPU");
        }
        return options;
    }

    /** True when sessions made with these settings run on CUDA device 0. */
    boolean onCuda() {
        return gpu && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }
}
