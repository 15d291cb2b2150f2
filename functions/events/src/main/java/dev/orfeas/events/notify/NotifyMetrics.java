package dev.orfeas.events.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code orfeas.notifications{outcome=delivered|dead-lettered|skipped}} and {@code orfeas.knative.dead.letters}:
 * registered at start (so the series exist, at 0, before the first event) and counted through Micrometer's global
 * registry, which Spring Boot binds the app's registry to ({@code management.metrics.use-global-registry}).
 */
@Configuration(proxyBeanMethods = false)
class NotifyMetrics {

    static final String NOTIFICATIONS = "orfeas.notifications";
    static final String KNATIVE_DEAD_LETTERS = "orfeas.knative.dead.letters";

    @Bean
    MeterBinder notifyMeters() {
        return registry -> {
            for (String outcome : new String[] {"delivered", "dead-lettered", "skipped"}) {
                notifications(registry, outcome);
            }
            knativeDeadLetters(registry);
        };
    }

    static void count(int delivered, int deadLettered, int skipped) {
        notifications(Metrics.globalRegistry, "delivered").increment(delivered);
        notifications(Metrics.globalRegistry, "dead-lettered").increment(deadLettered);
        notifications(Metrics.globalRegistry, "skipped").increment(skipped);
    }

    static void knativeDeadLetter() {
        knativeDeadLetters(Metrics.globalRegistry).increment();
    }

    private static Counter notifications(MeterRegistry registry, String outcome) {
        return Counter.builder(NOTIFICATIONS).tag("outcome", outcome)
                .description("Notifications per target: delivered, dead-lettered after the last attempt, or skipped "
                        + "as already sent").register(registry);
    }

    private static Counter knativeDeadLetters(MeterRegistry registry) {
        return Counter.builder(KNATIVE_DEAD_LETTERS)
                .description("Events Knative gave up on, received from the deadLetterSink and recorded")
                .register(registry);
    }
}
