package dev.orfeas.web.metrics;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process start a cold start is measured from: this test JVM was exec'd by surefire, so the OS's start of the
 * process lies just before the JVM's own start time — within the 10 ms of /proc's ticks and the JVM's early
 * initialisation, not up to a second early as a start derived from the whole-second boot time was.
 */
class ProcessStartTests {

    @Test
    void theProcessStartIsJustBeforeTheJvmsOwn() {
        Instant jvm = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

        Instant process = StartupTimeline.processStart();

        assertThat(process).isBeforeOrEqualTo(jvm);
        assertThat(Duration.between(process, jvm)).isLessThan(Duration.ofMillis(150));
    }
}
