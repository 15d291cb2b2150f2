package dev.orfeas.web.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * What both apps measure alike: the problem type on {@code http.server.requests}, and {@code orfeas.readiness}
 * (1 while the readiness group is UP) so flapping readiness shows in Prometheus, not only in probe logs; the
 * instance's cold start ({@code orfeas.startup.*}, {@link StartupTimeline}).
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, HealthEndpoint.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebMetricsAutoConfiguration {

    @Bean
    ProblemTypeAdvice problemTypeAdvice() {
        return new ProblemTypeAdvice();
    }

    @Bean
    ServerRequestObservationConvention problemObservationConvention() {
        return new ProblemObservationConvention();
    }

    @Bean
    MeterFilter helpTexts() {
        return new HelpTexts();
    }

    /** Ready with the context; generate declares its own, gated on the engine ({@link StartupTimeline#gated}). */
    @Bean
    @ConditionalOnMissingBean
    StartupTimeline startupTimeline(MeterRegistry registry) {
        return StartupTimeline.readyWithContext(registry);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> startupContextReady(StartupTimeline timeline) {
        return event -> timeline.contextReady();
    }

    @Bean
    FirstRequestFilter firstRequestFilter(StartupTimeline timeline) {
        return new FirstRequestFilter(timeline);
    }

    @Bean
    MeterBinder readinessGauge(ObjectProvider<HealthEndpoint> health) {
        return registry -> Gauge.builder("orfeas.readiness", health, WebMetricsAutoConfiguration::ready)
                .description("1 while the readiness health group is UP, 0 otherwise").register(registry);
    }

    private static double ready(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Double.NaN;
        }
        var readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
