package dev.orfeas.generate.maintenance;

import dev.orfeas.storage.ObjectStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    @Bean
    StoreSweep storeSweep(ObjectStore store, MaintenanceProperties properties) {
        return new StoreSweep(store, properties.grace(), Clock.systemUTC());
    }

    /** On Knative ({@code K_SERVICE}, an environment variable there; a property in tests) no sweep of its own. */
    @Bean
    SweepSchedule sweepSchedule(StoreSweep sweep, MaintenanceProperties properties,
                                @Value("${K_SERVICE:}") String knativeService) {
        return new SweepSchedule(sweep, properties, !knativeService.isEmpty());
    }
}
