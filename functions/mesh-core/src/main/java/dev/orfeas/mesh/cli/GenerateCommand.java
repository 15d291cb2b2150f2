package dev.orfeas.mesh.cli;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.InvalidOptionsException;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.export.ExportedFile;
import dev.orfeas.mesh.segment.SegmentationSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code scripts/generate.sh IMAGE OUTPUT [--format glb|obj|stl|ply] [--faces N] [--quality draft|default|high]
 * [--detail 0..1] [--foreground auto|alpha|backdrop|model|none] [--model MODEL.pt] [--segmentation-model MODEL.onnx]}: one image to one mesh file (plus OUTPUT's stem + .report.json, and for OBJ
 * the .mtl and the texture, OUTPUT's stem + .texture.jpg, beside it). Never writes over the input: when any of the
 * files it would write is the input image, it writes nothing and exits 2. Exit 0 on success; 2 for bad arguments;
 * 3 for an image that cannot become a mesh; 1 for anything else — always with a one-line reason on stderr.
 */
public final class GenerateCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REJECTED = 3;

    private GenerateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE;
        }
        if (line.help()) {
            out.println(CommandLine.USAGE);
            return OK;
        }
        byte[] image;
        try {
            image = Files.readAllBytes(line.image());
        } catch (NoSuchFileException e) {
            err.println("generate: no such file: " + line.image());
            return USAGE;
        } catch (IOException e) {
            err.println("generate: cannot read " + line.image() + ": " + e.getMessage());
            return FAILED;
        }
        EngineSettings settings = EngineSettings.defaults();
        if (line.model() != null) {
            settings = settings.withModel(line.model());
        }
        if (line.segmentationModel() != null) {
            settings = settings.withSegmentationModel(line.segmentationModel(), SegmentationSettings.defaults());
        }
        long start = System.nanoTime();
        try (MeshGenerator engine = new MeshGenerator(settings)) {
            GenerationResult result = engine.generate(image, line.options(), ProgressListener.NONE, stem(line.output()));
            List<Path> clashes = overwritten(line.image(), targets(line.output(), result));
            if (!clashes.isEmpty()) {
                err.println("generate: " + clashes.getFirst() + " would overwrite the input image " + line.image()
                        + "; choose another OUTPUT name (nothing written)");
                return USAGE;
            }
            write(line.output(), result);
            out.printf(Locale.ROOT, "wrote %s: %d faces, %s, %s mode, mesh id %s (%.0f ms)%n", line.output(),
                    result.report().faces(), result.report().watertight() ? "watertight" : "NOT watertight",
                    result.report().mode(), result.meshId(), (System.nanoTime() - start) / 1e6);
            return OK;
        } catch (ImageRejectedException e) {
            err.println("generate: " + line.image() + ": " + e.getMessage());
            return REJECTED;
        } catch (InvalidOptionsException e) {
            err.println("generate: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("generate: cannot write " + line.output() + ": " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("generate: failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static void write(Path output, GenerationResult result) throws IOException {
        Path dir = directoryOf(output);
        Files.createDirectories(dir);
        Files.write(output, result.export().primary().bytes());
        for (ExportedFile companion : result.export().companions()) {
            Files.write(dir.resolve(companion.name()), companion.bytes());
        }
        Files.writeString(reportOf(output), result.report().toJson());
    }

    /** Every file {@link #write} would write, in that order. */
    static List<Path> targets(Path output, GenerationResult result) {
        Path dir = directoryOf(output);
        List<Path> targets = new ArrayList<>();
        targets.add(output);
        for (ExportedFile companion : result.export().companions()) {
            targets.add(dir.resolve(companion.name()));
        }
        targets.add(reportOf(output));
        return targets;
    }

    /** The targets that are the input file itself (same path, or a link to it). */
    static List<Path> overwritten(Path input, List<Path> targets) {
        Path in = input.toAbsolutePath().normalize();
        List<Path> clashes = new ArrayList<>();
        for (Path target : targets) {
            Path t = target.toAbsolutePath().normalize();
            if (t.equals(in) || sameExistingFile(in, t)) {
                clashes.add(target);
            }
        }
        return clashes;
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path directoryOf(Path output) {
        return Optional.ofNullable(output.toAbsolutePath().getParent()).orElse(Path.of("."));
    }

    private static Path reportOf(Path output) {
        return directoryOf(output).resolve(stem(output) + ".report.json");
    }

    private static String stem(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isEmpty() || stem.startsWith(".") ? "model" : stem;
    }

    /** Parsed arguments. */
    record CommandLine(Path image, Path output, GenerationOptions options, Path model, Path segmentationModel,
                       boolean help) {

        static final String USAGE = "usage: scripts/generate.sh IMAGE OUTPUT [--format glb|obj|stl|ply] [--faces N] "
                + "[--quality draft|default|high] [--detail 0..1] [--foreground auto|alpha|backdrop|model|none] "
                + "[--model MODEL.pt] [--segmentation-model MODEL.onnx]";

        static CommandLine parse(String[] args) {
            List<String> positional = new ArrayList<>();
            String format = null;
            String quality = "default";
            int faces = 0;
            double detail = 0;
            Path model = null;
            Path segmentationModel = null;
            ForegroundChoice foreground = ForegroundChoice.AUTO;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return new CommandLine(null, null, null, null, null, true);
                    }
                    case "--format" -> format = value(args, ++i, arg);
                    case "--quality" -> quality = value(args, ++i, arg);
                    case "--faces" -> faces = integer(value(args, ++i, arg), arg);
                    case "--detail" -> detail = number(value(args, ++i, arg), arg);
                    case "--model" -> model = Path.of(value(args, ++i, arg));
                    case "--segmentation-model" -> segmentationModel = Path.of(value(args, ++i, arg));
                    case "--foreground" -> foreground = ForegroundChoice.parse(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        positional.add(arg);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new IllegalArgumentException("expected IMAGE and OUTPUT, got " + positional.size() + " paths");
            }
            Path output = Path.of(positional.get(1));
            String chosen = format != null ? format : extensionOf(output);
            GenerationOptions options = new GenerationOptions(MeshFormat.parse(chosen), Quality.parse(quality), faces,
                    detail, foreground);
            return new CommandLine(Path.of(positional.get(0)), output, options, model, segmentationModel, false);
        }

        private static String extensionOf(Path output) {
            String name = output.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(dot + 1) : "glb";
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int integer(String text, String option) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
            }
        }

        private static double number(String text, String option) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, was '" + text + "'");
            }
        }
    }
}
