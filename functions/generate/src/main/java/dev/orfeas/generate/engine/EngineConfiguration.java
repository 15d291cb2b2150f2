package dev.orfeas.generate.engine;

import dev.orfeas.web.metrics.StartupTimeline;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    /** Readiness is the engine's: ready when both the context and the engine are. */
    @Bean
    StartupTimeline startupTimeline(MeterRegistry registry) {
        return StartupTimeline.gated(registry);
    }

    @Bean
    Engine engine(EngineProperties properties, ApplicationContext context, MeterRegistry registry,
                  StartupTimeline timeline, ObjectProvider<EngineLoad> early) {
        return new Engine(properties, context, registry, timeline, early.getIfAvailable());
    }

    @Bean
    EngineHealthIndicator engineHealthIndicator(Engine engine) {
        return new EngineHealthIndicator(engine);
    }
}
