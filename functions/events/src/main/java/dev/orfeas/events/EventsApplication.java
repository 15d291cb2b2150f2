package dev.orfeas.events;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The CPU-side event functions: MinIO webhook → CloudEvents adapter (see docs/events.md). No DJL here. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EventsApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventsApplication.class, args);
    }
}
