package dev.orfeas.generate.engine;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    Engine engine(EngineProperties properties, ApplicationContext context, MeterRegistry registry) {
        return new Engine(properties, context, registry);
    }

    @Bean
    EngineHealthIndicator engineHealthIndicator(Engine engine) {
        return new EngineHealthIndicator(engine);
    }
}
