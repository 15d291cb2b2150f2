package dev.orfeas.mesh;

import dev.orfeas.mesh.decode.DecodedImage;
import dev.orfeas.mesh.decode.ImageDecoder;
import dev.orfeas.mesh.export.MeshExport;
import dev.orfeas.mesh.export.MeshExporters;
import dev.orfeas.mesh.field.FieldGrid;
import dev.orfeas.mesh.field.FieldSource;
import dev.orfeas.mesh.field.GridSampler;
import dev.orfeas.mesh.field.HeightField;
import dev.orfeas.mesh.field.InflationField;
import dev.orfeas.mesh.field.ModelDepthField;
import dev.orfeas.mesh.field.ReliefField;
import dev.orfeas.mesh.field.TorchRuntime;
import dev.orfeas.mesh.foreground.Foreground;
import dev.orfeas.mesh.foreground.ForegroundExtractor;
import dev.orfeas.mesh.foreground.ForegroundMode;
import dev.orfeas.mesh.quality.MeshCheck;
import dev.orfeas.mesh.quality.MeshChecks;
import dev.orfeas.mesh.quality.QualityReport;
import dev.orfeas.mesh.simplify.QuadricSimplifier;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.surface.Surface;
import dev.orfeas.mesh.surface.SurfaceBuilder;
import dev.orfeas.mesh.surface.UnitBox;
import dev.orfeas.mesh.texture.TextureProjector;
import dev.orfeas.mesh.texture.TexturedMesh;

import dev.orfeas.mesh.segment.SegmentationModel;
import dev.orfeas.mesh.segment.SegmentationSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine: image bytes + options → mesh + quality report, through the stages decode → foreground → field →
 * surface → simplify → texture → export → report. Thread-safe; create one per process (it loads the PyTorch engine
 * and, when configured, the depth and segmentation models) and close it at shutdown.
 */
public final class MeshGenerator implements AutoCloseable {

    /** Part of every mesh id: bump it when a change alters the meshes made from the same input. */
    public static final String ENGINE_VERSION = "3";

    private final ImageDecoder decoder;
    private final ForegroundExtractor foregroundExtractor;
    private final Optional<SegmentationModel> segmentationModel;
    private final TorchRuntime torch;
    private final FieldSource silhouetteField;
    private final FieldSource reliefField = new ReliefField();
    /** Bakes textures beside the surface and simplify stages: one daemon thread per core, idle between requests. */
    private final ExecutorService textureBakers = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("texture-baker-", 0).daemon().factory());

    public MeshGenerator(EngineSettings settings) {
        decoder = new ImageDecoder(settings.limits());
        torch = new TorchRuntime(settings.device());
        try {
            silhouetteField = settings.modelPath()
                    .<FieldSource>map(path -> new ModelDepthField(torch, path, Runtime.getRuntime().availableProcessors()))
                    .orElseGet(() -> new InflationField(torch));
            SegmentationSettings segmentation = settings.segmentation().onGpu(torch.device().isGpu());
            segmentationModel = settings.segmentationModel()
                    .map(path -> SegmentationModel.load(path, settings.segmentationSha256(), segmentation));
        } catch (RuntimeException e) {
            torch.close();
            throw e;
        }
        foregroundExtractor = new ForegroundExtractor(segmentationModel);
    }

    /** Runs one generation; throws {@link ImageRejectedException} subtypes for input that cannot become a mesh. */
    public GenerationResult generate(byte[] image, GenerationOptions options, ProgressListener progress) {
        return generate(image, options, progress, "model");
    }

    /**
     * As {@link #generate(byte[], GenerationOptions, ProgressListener)}, naming the files {@code baseName.*}
     * (OBJ refers to its MTL and texture by name, so the name is chosen before export).
     */
    public GenerationResult generate(byte[] image, GenerationOptions options, ProgressListener progress,
                                     String baseName) {
        return generate(identify(image, options), progress, baseName);
    }

    /** As {@link #generate(byte[], GenerationOptions, ProgressListener)}, under the id already computed. */
    public GenerationResult generate(IdentifiedImage input, ProgressListener progress) {
        return generate(input, progress, "model");
    }

    /**
     * As {@link #generate(byte[], GenerationOptions, ProgressListener, String)}, under the id already computed.
     *
     * @throws IllegalArgumentException when another engine configuration identified the input (its id would be
     *                                  wrong here)
     */
    public GenerationResult generate(IdentifiedImage input, ProgressListener progress, String baseName) {
        if (!input.engineKey().equals(engineKey())) {
            throw new IllegalArgumentException("the image was identified by an engine configured differently ("
                    + input.engineKey() + ", this one is " + engineKey() + ")");
        }
        byte[] image = input.image();
        GenerationOptions options = input.options();
        String meshId = input.meshId();
        StageClock clock = new StageClock(progress);
        DecodedImage decoded = clock.run(Stage.DECODE, () -> decoder.decode(image));
        Foreground foreground = clock.run(Stage.FOREGROUND,
                () -> foregroundExtractor.extract(decoded, options.foreground()));
        FieldSource source = foreground.mode() == ForegroundMode.RELIEF ? reliefField : silhouetteField;
        HeightField field = clock.run(Stage.FIELD, () -> {
            int gridSize = GridSampler.sizeFor(foreground, options.quality().gridSize(), options.effectiveFaces());
            FieldGrid grid = GridSampler.sample(decoded.image(), foreground, gridSize);
            return source.compute(grid, options.detail());
        });
        // The texture needs the grid only: it is baked (crop, bleed, JPEG) on a second core while the surface is
        // built and simplified, and joined in the texture stage; every request waits for its own before it returns.
        Future<TextureProjector.BakedTexture> baking = textureBakers.submit(() -> TextureProjector.bake(field.grid(),
                foreground, decoded.image(), options.quality().textureSide()));
        Surface simplified;
        TexturedMesh textured;
        try {
            Surface surface = clock.run(Stage.SURFACE, () -> SurfaceBuilder.build(field));
            simplified = clock.run(Stage.SIMPLIFY, () -> UnitBox.fit(new Surface(
                    QuadricSimplifier.simplify(surface.mesh(), options.effectiveFaces()), surface.projection())));
            textured = clock.run(Stage.TEXTURE, () -> TextureProjector.project(simplified.mesh(),
                    simplified.projection(), join(baking)));
        } finally {
            baking.cancel(true); // a no-op once joined; else (a failure, a cache hit) the bake stops here
        }
        Mesh mesh = simplified.mesh();
        MeshExport export = clock.run(Stage.EXPORT,
                () -> MeshExporters.forFormat(options.format()).export(textured, baseName));
        QualityReport report = clock.run(Stage.REPORT, () -> {
            MeshCheck check = MeshChecks.check(mesh);
            return QualityReport.of(meshId, field.mode().label(), options.canonical(),
                    new QualityReport.SourceInfo(decoded.width(), decoded.height(), decoded.format()),
                    mesh.vertexCount(), mesh.faceCount(), check, mesh.bounds(), foregroundInfo(foreground, field.grid()),
                    clock.timings());
        });
        return new GenerationResult(meshId, export, report);
    }

    private static <T> T join(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the texture was baked", e);
        }
    }

    private static QualityReport.ForegroundInfo foregroundInfo(Foreground foreground, FieldGrid grid) {
        double coverage = Math.round(foreground.coverage() * 10_000) / 10_000.0;
        float[] frame = {(float) grid.originX(), (float) grid.originY(), (float) (grid.width() * grid.cellSize()),
                (float) (grid.height() * grid.cellSize())};
        return new QualityReport.ForegroundInfo(foreground.mode().source(), foreground.model(), coverage,
                foreground.kept(), foreground.dropped(), frame);
    }

    /**
     * The id a request gets, without generating: lets callers find a stored mesh first. It depends on the image,
     * the options and this engine's configuration (its version and depth source), not on the mode the image turns
     * out to need, so it is known before any work is done.
     */
    public String meshIdFor(byte[] image, GenerationOptions options) {
        return MeshId.of(image, options, engineKey());
    }

    /** The image with its {@link #meshIdFor mesh id}, hashed once: look the mesh up by it, then generate from it. */
    public IdentifiedImage identify(byte[] image, GenerationOptions options) {
        return new IdentifiedImage(image, options, meshIdFor(image, options), engineKey());
    }

    /** {@code input} itself when this engine identified it, else identified anew (the engine was reloaded since). */
    public IdentifiedImage identify(IdentifiedImage input) {
        return input.engineKey().equals(engineKey()) ? input : identify(input.image(), input.options());
    }

    private String engineKey() {
        return ENGINE_VERSION + "/" + silhouetteField.id() + "/" + foregroundExtractor.modelId();
    }

    /** "inflate" or "model": which field source this engine uses for images with a silhouette. */
    public String fieldSource() {
        return silhouetteField instanceof ModelDepthField ? "model" : "inflate";
    }

    /** The segmentation model, when one is installed. */
    public Optional<SegmentationModel> segmentationModel() {
        return segmentationModel;
    }

    /** Milliseconds the PyTorch engine took to load. */
    public double engineLoadMillis() {
        return torch.loadMillis();
    }

    /** The device computations run on, e.g. "cpu()" or "gpu(0)". */
    public String device() {
        return torch.device().toString();
    }

    /**
     * Runs one small generation so the first real request does not pay for lazy initialisation (the JIT, PyTorch's
     * first operations). The segmentation model is not run: see {@link #warmUpModel()}.
     */
    public void warmUp() {
        GenerationOptions draft = new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, 0, 0.0);
        generate(WarmUpImage.png(), draft, ProgressListener.NONE);
    }

    /**
     * Runs the segmentation model once (nothing without one): a first inference sets up what later ones reuse
     * (on CUDA its kernels and memory). It takes as long as a real photo's inference, so it pays only where the
     * first run costs much more than later ones.
     */
    public void warmUpModel() {
        segmentationModel.ifPresent(model -> model.predict(WarmUpImage.opaque()));
    }

    @Override
    public void close() {
        textureBakers.shutdownNow();
        segmentationModel.ifPresent(SegmentationModel::close);
        if (silhouetteField instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the depth model failed", e);
            }
        }
        torch.close();
    }

    /** Times each stage and tells the listener. */
    private static final class StageClock {
        private final ProgressListener listener;
        private final Map<String, Double> timings = new LinkedHashMap<>();

        StageClock(ProgressListener listener) {
            this.listener = listener;
        }

        <T> T run(Stage stage, java.util.function.Supplier<T> work) {
            long start = System.nanoTime();
            T result = work.get();
            double millis = (System.nanoTime() - start) / 1e6;
            timings.put(stage.label(), Math.round(millis * 100) / 100.0);
            listener.stageDone(stage, millis);
            return result;
        }

        Map<String, Double> timings() {
            return timings;
        }
    }
}
