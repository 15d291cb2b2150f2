package dev.orfeas.generate;

import dev.orfeas.web.TermSignal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The generate function app: POST /generate, CloudEvents, GET /meshes; meshes stored in S3. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GenerateApplication {

    public static void main(String[] args) {
        TermSignal.install(SpringApplication.run(GenerateApplication.class, args));
    }
}
