package dev.orfeas.generate.maintenance;

import dev.orfeas.storage.ObjectStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    @Bean
    StoreSweep storeSweep(ObjectStore store, MaintenanceProperties properties) {
        return new StoreSweep(store, properties.grace(), Clock.systemUTC());
    }

    @Bean
    SweepSchedule sweepSchedule(StoreSweep sweep, MaintenanceProperties properties) {
        return new SweepSchedule(sweep, properties, System.getenv("K_SERVICE") != null);
    }
}
