package dev.orfeas.generate;

import dev.orfeas.web.TermSignal;
import dev.orfeas.web.metrics.StartupSteps;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The generate function app: POST /generate, CloudEvents, GET /meshes; meshes stored in S3. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GenerateApplication {

    public static void main(String[] args) {
        // ORFEAS_STARTUP_STEPS=true logs where the start's time went (docs/monitoring.md)
        TermSignal.install(StartupSteps.recordIfEnabled(new SpringApplication(GenerateApplication.class)).run(args));
    }
}
