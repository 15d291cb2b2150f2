package dev.orfeas.generate.maintenance;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The store sweep after a crash ({@code orfeas.maintenance.*}).
 *
 * @param enabled  sweep at start (and every {@code interval})
 * @param grace    leftovers younger than this are left alone: a write in progress on another instance
 * @param interval between sweeps while running; 0 sweeps at start only. On Knative (K_SERVICE set) the app never
 *                 sweeps by itself (work there happens inside requests, and a sweep at start would stretch every
 *                 cold start with the bucket's size): the hourly-sweep PingSource's ticks run it in-request
 */
@ConfigurationProperties("orfeas.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration grace,
        @DefaultValue("1h") Duration interval) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.notNull("grace", grace).positive("interval", interval);
    }
}
