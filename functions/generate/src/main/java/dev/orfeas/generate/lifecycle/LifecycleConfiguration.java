package dev.orfeas.generate.lifecycle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    Draining draining(JsonMapper json) {
        return new Draining(json);
    }

    /** Waits for in-flight requests up to the shutdown phase timeout (spring.lifecycle.timeout-per-shutdown-phase). */
    @Bean
    DrainBeforeWebServerStops drainBeforeWebServerStops(Draining draining,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new DrainBeforeWebServerStops(draining, timeout);
    }

    @Bean
    FilterRegistrationBean<Draining> drainingFilter(Draining draining) {
        var registration = new FilterRegistrationBean<>(draining);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
