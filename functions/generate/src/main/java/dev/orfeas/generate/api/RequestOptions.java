package dev.orfeas.generate.api;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.Quality;

/** The query parameters of {@code POST /generate} and {@code POST /jobs} as typed options (400 when invalid). */
public final class RequestOptions {

    private RequestOptions() {
    }

    /** @param accept the request's Accept: names the format when {@code format} is absent (e.g. model/stl) */
    public static GenerationOptions parse(String format, String accept, String quality, Integer faces, Double detail,
                                          String foreground) {
        MeshFormat meshFormat = format != null ? MeshFormat.parse(format)
                : AcceptMode.formatFrom(accept).orElse(MeshFormat.GLB);
        return new GenerationOptions(meshFormat, quality == null ? Quality.DEFAULT : Quality.parse(quality),
                faces == null ? 0 : faces, detail == null ? 0.0 : detail, ForegroundChoice.parse(foreground));
    }
}
