package dev.orfeas.events.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code orfeas.webhook.events{outcome=delivered|dead-lettered|not-forwarded|retry}}: what became of each event a
 * MinIO notification mapped to (retry: the sink failed retryably and the notification was answered 502). Registered
 * at start, counted through Micrometer's global registry as {@code NotifyMetrics} does.
 */
@Configuration(proxyBeanMethods = false)
class AdapterMetrics {

    static final String EVENTS = "orfeas.webhook.events";
    private static final String[] OUTCOMES = {"delivered", "dead-lettered", "not-forwarded", "retry"};

    @Bean
    MeterBinder webhookMeters() {
        return registry -> {
            for (String outcome : OUTCOMES) {
                counter(registry, outcome);
            }
        };
    }

    static void delivered() {
        counter(Metrics.globalRegistry, "delivered").increment();
    }

    static void deadLettered() {
        counter(Metrics.globalRegistry, "dead-lettered").increment();
    }

    static void notForwarded() {
        counter(Metrics.globalRegistry, "not-forwarded").increment();
    }

    static void retry() {
        counter(Metrics.globalRegistry, "retry").increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS).tag("outcome", outcome)
                .description("Events of MinIO notifications: delivered to the sink, dead-lettered (the sink will "
                        + "never take them), not forwarded (the sink does not want them), or left for MinIO to retry")
                .register(registry);
    }
}
