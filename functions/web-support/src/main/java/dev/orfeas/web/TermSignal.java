package dev.orfeas.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * SIGTERM (Knative scale-down; SIGINT from Ctrl-C the same way): close the context — which refuses new
 * work, lets the web server finish in-flight requests within the grace period and then closes the beans — and
 * exit 0. Without this the JVM's own TERM handling exits 143.
 */
public final class TermSignal {

    private static final Logger log = LoggerFactory.getLogger(TermSignal.class);

    private TermSignal() {
    }

    public static void install(ConfigurableApplicationContext context) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("shutdown-" + name).start(() -> {
                    log.info("SIG{} received: draining and stopping", name);
                    int code = SpringApplication.exit(context);
                    System.exit(code);
                }));
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
