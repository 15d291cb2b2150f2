package dev.orfeas.generate.maintenance;

import dev.orfeas.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link StoreSweep} once the app is ready and then every {@code orfeas.maintenance.interval} on one
 * machine (a daemon thread of its own, not the app's task scheduler). On Knative never from here: work there happens
 * only inside requests, and a sweep lists the whole meshes bucket, which must not stretch every cold start; the
 * hourly-sweep PingSource's ticks run it inside their delivery instead (CloudEventHandler). A sweep that cannot
 * reach the store is logged and tried again at the next one.
 */
class SweepSchedule implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final StoreSweep sweep;
    private final MaintenanceProperties properties;
    private final boolean knative;
    private ScheduledExecutorService executor;

    SweepSchedule(StoreSweep sweep, MaintenanceProperties properties, boolean knative) {
        this.sweep = sweep;
        this.properties = properties;
        this.knative = knative;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (!properties.enabled()) {
            log.info("store sweep off (orfeas.maintenance.enabled=false)");
            return;
        }
        if (knative) {
            log.info("store sweep: on the hourly-sweep PingSource's deliveries (Knative)");
            return;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("store-sweep")
                    .factory());
            long every = properties.interval().toMillis();
            if (every > 0) {
                executor.scheduleWithFixedDelay(this::run, 0, every, TimeUnit.MILLISECONDS);
            } else {
                executor.execute(this::run);
            }
        }
    }

    private void run() {
        try {
            sweep.sweep();
        } catch (StorageUnavailableException e) {
            log.warn("store sweep skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("store sweep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
