package dev.orfeas.generate.cloudevents;

import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.jobs.JobEvents;
import dev.orfeas.generate.maintenance.StoreSweep;
import dev.orfeas.storage.ObjectStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CloudEventConfiguration {

    @Bean
    CloudEventHandler cloudEventHandler(GenerateFunction generate, ConcurrencyLimiter limiter, ObjectStore store,
                                        JobEvents jobs, StoreSweep sweep) {
        return new CloudEventHandler(generate, limiter, store, jobs, sweep);
    }
}
