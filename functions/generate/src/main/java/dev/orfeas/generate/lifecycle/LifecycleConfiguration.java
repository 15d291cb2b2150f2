package dev.orfeas.generate.lifecycle;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    Draining draining(JsonMapper json) {
        return new Draining(json);
    }

    @Bean
    FilterRegistrationBean<Draining> drainingFilter(Draining draining) {
        var registration = new FilterRegistrationBean<>(draining);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
