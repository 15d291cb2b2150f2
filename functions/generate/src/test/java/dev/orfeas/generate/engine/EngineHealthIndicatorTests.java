package dev.orfeas.generate.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Readiness follows the engine: OUT_OF_SERVICE while loading, UP once loaded and warmed, DOWN after stop. */
class EngineHealthIndicatorTests {

    @Test
    void readinessIsUpOnlyBetweenLoadAndStop() throws Exception {
        var properties = new EngineProperties(null, "cpu", DataSize.ofMegabytes(20), 40_000_000, 12_000, 8, 1,
                true, "auto", new EngineProperties.Segmentation(null, null, 0, false), java.time.Duration.ofSeconds(30));
        Engine engine = new Engine(properties, null, new SimpleMeterRegistry());
        var health = new EngineHealthIndicator(engine);

        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThatThrownBy(() -> engine.fieldSource()).isInstanceOf(EngineNotReadyException.class);

        engine.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (engine.state() == Engine.State.LOADING && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("fieldSource", "inflate");

        engine.stop();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThatThrownBy(() -> engine.meshIdFor(new byte[1], dev.orfeas.mesh.GenerationOptions.defaults()))
                .isInstanceOf(EngineNotReadyException.class);
    }
}
