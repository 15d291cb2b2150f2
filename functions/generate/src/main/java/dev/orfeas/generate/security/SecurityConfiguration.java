package dev.orfeas.generate.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

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
        ApiKeys internal = ApiKeys.internal(properties);
        if (internal.size() > 0) {
            log.info("internal API keys: {}, limit {} burst, {} per minute each", internal.size(),
                    properties.internal().capacity(), properties.internal().refillPerMinute());
        }
        var registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties, keys,
                new RateLimiter(properties.rateLimit(), registry), internal,
                new RateLimiter(properties.internal().rateLimit(properties.rateLimit().enabled()), registry), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
