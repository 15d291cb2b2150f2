package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.events.notify.Notifier;
import dev.orfeas.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class AdapterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdapterConfiguration.class);

    /** The mapping as a Spring Cloud Function ({@code minioToCloudEvents}): notification JSON → events. */
    @Bean
    ObjectEventMapper minioToCloudEvents(AdapterProperties properties) {
        return new ObjectEventMapper(properties.prefixes(), properties.suffixes());
    }

    @Bean
    SinkClient sinkClient(SinkProperties sink, AdapterProperties adapter) {
        log.info("adapter: {}; {}", adapter, sink);
        if (!adapter.hasToken()) {
            log.warn("orfeas.events.adapter.auth-token is not set: every MinIO webhook call is refused with 401");
        }
        return new SinkClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build(), sink);
    }

    @Bean
    WebhookDeadLetters webhookDeadLetters(ObjectStore store, Notifier notifier, JsonMapper json) {
        return new WebhookDeadLetters(store, notifier, json, Clock.systemUTC());
    }

    @Bean
    DeliveredIds deliveredIds(AdapterProperties properties) {
        return new DeliveredIds(properties.dedupCapacity());
    }
}
