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
        var registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(properties, keys, new RateLimiter(properties.rateLimit(), registry), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
