package dev.orfeas.generate.generation;

import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.engine.EngineProperties;
import dev.orfeas.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    @Bean
    MeshService meshService(Engine engine, ObjectStore store, JsonMapper json, MeterRegistry registry) {
        return new MeshService(engine, store, json, registry, Clock.systemUTC());
    }

    /** Registered under the name "generate" in the function catalog. */
    @Bean
    GenerateFunction generate(MeshService meshService) {
        return new GenerateFunction(meshService);
    }

    @Bean
    ConcurrencyLimiter concurrencyLimiter(EngineProperties properties, MeterRegistry registry) {
        return new ConcurrencyLimiter(properties.maxConcurrent(), registry);
    }
}
