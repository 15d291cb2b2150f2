package dev.orfeas.events.web;

import dev.orfeas.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    private final InternalAuthProperties internalAuth;
    private final OidcProperties oidc;

    WebConfiguration(InternalAuthProperties internalAuth, OidcProperties oidc) {
        this.internalAuth = internalAuth;
        this.oidc = oidc;
    }

    /**
     * The internal event endpoints; the webhook and restore have tokens of their own. The verifier is made here, not
     * as a conditional bean: Spring AOT (the image's start) would fix such a condition at build time.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        log.info("internal endpoints POST / and POST /backup: {}, {}", internalAuth, oidc);
        registry.addInterceptor(new InternalAuth(internalAuth, oidc.enabled() ? OidcVerifier.of(oidc) : null))
                .addPathPatterns("/", "/backup");
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
