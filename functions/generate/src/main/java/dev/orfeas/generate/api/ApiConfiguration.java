package dev.orfeas.generate.api;

import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.web.RequestIdFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** Runs streamed (SSE) generations; their number is bounded by the {@link ConcurrencyLimiter}. */
    @Bean(destroyMethod = "close")
    ExecutorService generationExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("generate-", 0).factory());
    }

    /** First of the filters: every later one (draining, API keys) logs and answers with the request id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** After the API key (an unauthenticated upload is a 401 first), before anything reads parameters. */
    @Bean
    FilterRegistrationBean<FormEncodedUploadFilter> formEncodedUploadFilter(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new FormEncodedUploadFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
