package dev.orfeas.generate.metrics;

import dev.orfeas.generate.engine.Engine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/**
 * {@code orfeas.engine.state{state=loading|ready|failed|closed}}: 1 for the engine's current state, 0 for the others,
 * so "the model failed to load" is one alert ({@code state="failed"} == 1), not a guess from a missing ready signal.
 */
@Configuration(proxyBeanMethods = false)
class EngineMetrics {

    @Bean
    MeterBinder engineStateMeters(Engine engine) {
        return registry -> {
            for (Engine.State state : Engine.State.values()) {
                Gauge.builder("orfeas.engine.state", engine, e -> e.state() == state ? 1 : 0)
                        .tag("state", state.name().toLowerCase(Locale.ROOT))
                        .description("1 for the engine's current state").register(registry);
            }
        };
    }
}
