package dev.orfeas.events.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs {@link FullBackup} on {@code orfeas.events.backup.schedule} inside the app, for hosts without a Knative
 * PingSource. Always a bean (Spring AOT fixes conditions at build time), idle when no schedule is set. A failed run
 * is logged and shows as a growing last-success age in the metrics; the next tick tries again. Times are UTC.
 */
class BackupSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final FullBackup backup;
    private final BackupProperties properties;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> task;

    BackupSchedule(FullBackup backup, BackupProperties properties) {
        this.backup = backup;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.scheduled()) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("backup-schedule-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.initialize();
        task = scheduler.schedule(this::runOnce, new CronTrigger(properties.schedule(), ZoneOffset.UTC));
        log.info("scheduled full backups: cron '{}' (UTC)", properties.schedule());
    }

    private void runOnce() {
        try {
            if (backup.runIfIdle().isEmpty()) {
                log.info("scheduled backup skipped: one is already running");
            }
        } catch (RuntimeException e) {
            log.warn("scheduled backup failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            scheduler.shutdown(); // waits for a running backup
            task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null;
    }
}
