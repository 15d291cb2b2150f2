package dev.orfeas.events;

import dev.orfeas.web.TermSignal;
import dev.orfeas.web.metrics.StartupSteps;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CPU-side event functions (see docs/events.md): MinIO webhook → CloudEvents adapter, notify, dead letters,
 * backups and restore. No DJL here. SIGTERM drains in-flight requests and exits 0.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EventsApplication {

    public static void main(String[] args) {
        // ORFEAS_STARTUP_STEPS=true logs where the start's time went (docs/monitoring.md)
        TermSignal.install(StartupSteps.recordIfEnabled(new SpringApplication(EventsApplication.class)).run(args));
    }
}
