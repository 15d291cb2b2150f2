package dev.orfeas.events.backup;

import dev.orfeas.storage.StorageProperties;
import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Backups of generated meshes ({@code POST /backup}) and restores ({@code POST /restore}).
 *
 * @param prefix         key prefix in the backup bucket: a mesh object {@code <key>} is copied to {@code <prefix><key>}
 * @param manifestPrefix where scheduled backups write their manifests (in the backup bucket)
 * @param keepManifests  how many manifests retention keeps (the newest)
 * @param parallelism    objects copied at once by a scheduled full backup
 * @param schedule       a Spring cron expression (6 fields, e.g. {@code 0 0 3 * * *}) for full backups run by the app
 *                       itself, where no PingSource drives {@code POST /backup} (the single-host stack); blank: off
 *                       (on Knative the PingSource schedules it: an app scaled to zero runs no timers)
 * @param restoreToken   bearer token {@code POST /restore} requires; blank disables restores over HTTP
 * @param target         a second S3 endpoint to back up to ({@code …target.endpoint}, {@code …access-key},
 *                       {@code …buckets.backups}, as {@code orfeas.storage.*}); unset: the backups bucket of the
 *                       app's own store, with server-side copies
 */
@ConfigurationProperties("orfeas.events.backup")
public record BackupProperties(
        @DefaultValue("meshes/") String prefix,
        @DefaultValue("manifests/") String manifestPrefix,
        @DefaultValue("30") int keepManifests,
        @DefaultValue("8") int parallelism,
        String schedule,
        String restoreToken,
        StorageProperties target) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.matches("prefix", prefix, PREFIX, PREFIX_MESSAGE).matches("manifestPrefix", manifestPrefix, PREFIX, PREFIX_MESSAGE)
                .range("keepManifests", keepManifests, 1, 100_000).range("parallelism", parallelism, 1, 64)
                .require("schedule", isScheduleValid(),
                        "schedule must be a cron expression of 6 fields (second minute hour day month weekday)");
        if (target != null) {
            checks.nested("target", target, StorageProperties::check);
        }
    }

    static final String PREFIX = "|[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/";
    static final String PREFIX_MESSAGE = "must be empty or end with '/'";

    public boolean isScheduleValid() {
        return !scheduled() || CronExpression.isValidExpression(schedule);
    }

    public boolean scheduled() {
        return schedule != null && !schedule.isBlank();
    }

    public boolean restoreEnabled() {
        return restoreToken != null && !restoreToken.isBlank();
    }

    /** Never prints the restore token or the target's secret. */
    @Override
    public String toString() {
        return "BackupProperties[prefix=" + prefix + ", manifestPrefix=" + manifestPrefix + ", keepManifests="
                + keepManifests + ", parallelism=" + parallelism + ", schedule=" + (scheduled() ? schedule : "(PingSource)") + ", restore=" + (restoreEnabled() ? "on" : "off")
                + ", target=" + (target == null ? "(own store)" : target) + "]";
    }
}
