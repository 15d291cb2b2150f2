package dev.orfeas.generate.engine;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness: UP only once the engine (and model) is loaded and warmed up. */
public class EngineHealthIndicator implements HealthIndicator {

    private final Engine engine;

    public EngineHealthIndicator(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        return switch (engine.state()) {
            case READY -> {
                Health.Builder up = Health.up().withDetail("fieldSource", engine.fieldSource());
                engine.segmentationModel().ifPresentOrElse(
                        m -> up.withDetail("segmentationModel", m.file().getFileName().toString())
                                .withDetail("segmentationModelSha256", m.sha256()),
                        () -> up.withDetail("segmentationModel", "none"));
                yield up.build();
            }
            case LOADING -> Health.outOfService().withDetail("state", "loading").build();
            default -> Health.down().withDetail("state", engine.state().name().toLowerCase(java.util.Locale.ROOT))
                    .build();
        };
    }
}
