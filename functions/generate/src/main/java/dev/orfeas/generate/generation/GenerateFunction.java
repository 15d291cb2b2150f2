package dev.orfeas.generate.generation;

import java.util.function.Function;

/**
 * The generation function: a request (image bytes, typed options, progress listener) → the stored mesh. A plain
 * {@code Function}, registered as the bean "generate" so Spring Cloud Function's catalog holds it; the HTTP and
 * CloudEvent adapters call it directly.
 */
public class GenerateFunction implements Function<GenerationRequest, MeshService.Outcome> {

    private final MeshService meshes;

    public GenerateFunction(MeshService meshes) {
        this.meshes = meshes;
    }

    @Override
    public MeshService.Outcome apply(GenerationRequest request) {
        return meshes.generate(request, request.progress());
    }
}
