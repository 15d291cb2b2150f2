package dev.orfeas.generate.maintenance;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The store sweep after a crash ({@code orfeas.maintenance.*}).
 *
 * @param enabled  sweep at start (and every {@code interval})
 * @param grace    leftovers younger than this are left alone: a write in progress on another instance
 * @param interval between sweeps while running; 0 sweeps at start only. On Knative (K_SERVICE set) the app sweeps at
 *                 start only: work there happens inside requests, and MinIO's lifecycle rule aborts uploads
 */
@Validated
@ConfigurationProperties("orfeas.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("1h") Duration grace,
        @NotNull @DefaultValue("1h") Duration interval) {
}
