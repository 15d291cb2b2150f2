package dev.orfeas.generate.jobs;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.Quality;

import java.util.Locale;

/** A job's generation options as the job document shows them (faces: the budget actually used). */
public record JobOptions(String format, String quality, int faces, double detail, String foreground) {

    static JobOptions of(GenerationOptions options) {
        return new JobOptions(options.format().extension(), options.quality().name().toLowerCase(Locale.ROOT),
                options.effectiveFaces(), options.detail(), options.foreground().label());
    }

    GenerationOptions toGenerationOptions() {
        return new GenerationOptions(MeshFormat.parse(format), Quality.parse(quality), faces, detail,
                ForegroundChoice.parse(foreground));
    }
}
