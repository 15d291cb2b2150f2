package dev.orfeas.generate.http;

import dev.orfeas.web.RequestIdFilter;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.lifecycle.Draining;
import dev.orfeas.generate.security.ApiKeyFilter;
import dev.orfeas.generate.security.ApiKeys;
import dev.orfeas.generate.security.RateLimiter;
import dev.orfeas.generate.security.SecurityProperties;
import dev.orfeas.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    @Bean
    GenerateInvoker generateInvoker(FunctionCatalog catalog) {
        return new GenerateInvoker(catalog);
    }

    @Bean
    CloudEventHandler cloudEventHandler(GenerateInvoker invoker, ConcurrencyLimiter limiter, ObjectStore store,
                                        JsonMapper json) {
        return new CloudEventHandler(invoker, limiter, store, json);
    }

    /** Runs streamed (SSE) generations; their number is bounded by the {@link ConcurrencyLimiter}. */
    @Bean(destroyMethod = "close")
    ExecutorService generationExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("generate-", 0).factory());
    }

    @Bean
    Draining draining(JsonMapper json) {
        return new Draining(json);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Draining> drainingFilter(Draining draining) {
        var registration = new FilterRegistrationBean<>(draining);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(SecurityProperties properties, MeterRegistry registry,
                                                      JsonMapper json) {
        ApiKeys keys = new ApiKeys(properties);
        if (properties.open()) {
            log.warn("*** orfeas.security.open=true: NO API KEYS are checked. Use this on a local, single-user "
                    + "machine only. ***");
        } else {
            log.info("API keys: {} configured; {}", keys.size(), properties);
        }
        var registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(properties, keys, new RateLimiter(properties.rateLimit(), registry), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
