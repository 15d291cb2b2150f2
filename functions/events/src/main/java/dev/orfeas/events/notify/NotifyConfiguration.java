package dev.orfeas.events.notify;

import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

    @Bean
    KnativeDeadLetters knativeDeadLetters(ObjectStore store, JsonMapper json) {
        return new KnativeDeadLetters(store, json, Clock.systemUTC());
    }

    @Bean
    Notifier notifier(NotifyProperties properties, ObjectStore store, JsonMapper json) {
        log.info("notify: {}", properties);
        TargetPolicy policy = new TargetPolicy(properties.allowedHosts(), properties.allowPrivateAddresses(),
                InetAddress::getAllByName);
        properties.targets().forEach(t -> policy.refusal(t).ifPresent(reason ->
                log.warn("notification target {} will be refused: {}", Notifier.redacted(t), reason)));
        // never follow redirects: a target could bounce requests to an address the policy refuses
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new Notifier(properties, policy, new Notification(json, store), http, store, json,
                new DeliveredIds(100_000), Clock.systemUTC());
    }
}
