package dev.orfeas.generate.studio;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class StudioConfiguration implements WebMvcConfigurer {

    /** Every file under /static/ is named by its content hash (functions/studio/build.mjs): it never changes. */
    static final CacheControl HASHED_ASSETS = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Bean
    FilterRegistrationBean<StudioHeaders> studioHeaders() {
        var registration = new FilterRegistrationBean<>(new StudioHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The cache header is set on a file that is served only: a 404 for a wrong name is not cached for a year. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/static/**").addResourceLocations("classpath:/META-INF/resources/static/")
                .setCacheControl(HASHED_ASSETS);
    }
}
