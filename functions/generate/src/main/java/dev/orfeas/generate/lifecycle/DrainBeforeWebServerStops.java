package dev.orfeas.generate.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the port open after SIGTERM while requests are in flight: Tomcat's graceful shutdown stops accepting
 * connections at once, so a client arriving meanwhile would get "connection refused". This lifecycle stops before
 * the web server (a higher phase stops first) and waits until {@link Draining} counts no request in flight, or the
 * drain timeout passes; meanwhile new requests get the 503 {@code shutting-down} problem with {@code Retry-After}.
 * On Knative the queue-proxy stops routing first, so this is for one machine and the compose stack.
 */
class DrainBeforeWebServerStops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainBeforeWebServerStops.class);

    private final Draining draining;
    private final Duration timeout;
    private volatile boolean running;

    DrainBeforeWebServerStops(Draining draining, Duration timeout) {
        this.draining = draining;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        Instant deadline = Instant.now().plus(timeout);
        while (draining.inFlight() > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (draining.inFlight() > 0) {
            log.warn("{} request(s) still running after {}; the web server's graceful shutdown takes over",
                    draining.inFlight(), timeout);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Above the web server's graceful-shutdown phase ({@code DEFAULT_PHASE - 1024}): stops before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
