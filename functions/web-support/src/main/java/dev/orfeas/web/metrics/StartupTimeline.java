package dev.orfeas.web.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * One instance's cold start as the platform sees it, from the process's start (the container's PID 1 on Knative):
 * {@code orfeas.startup.context} (→ Spring context ready), {@code orfeas.startup.ready} (→ readiness UP: the next
 * request is fast), {@code orfeas.startup.first.request} (ready → first request served, probes not counted) and
 * {@code orfeas.startup.phase{phase}} (the app's own steps, e.g. engine, model, warm-up). All in seconds, NaN until
 * known; logged once when ready and once at the first request. An app whose readiness needs more than the context
 * (generate: the engine) is {@link #gated} and says when it is ready with {@link #appReady()}.
 */
public final class StartupTimeline {

    private static final Logger log = LoggerFactory.getLogger(StartupTimeline.class);

    private final Instant processStart;
    private final Supplier<Instant> clock;
    private final MeterRegistry registry;
    private final boolean gated;
    private final Map<String, Double> phases = new LinkedHashMap<>(); // guarded by this
    private Instant contextReady; // guarded by this
    private Instant appReady; // guarded by this
    private volatile Instant ready;
    private volatile Instant firstRequest;

    StartupTimeline(MeterRegistry registry, boolean gated, Instant processStart, Supplier<Instant> clock) {
        this.registry = registry;
        this.gated = gated;
        this.processStart = processStart;
        this.clock = clock;
        gauge("orfeas.startup.context", "Process start to Spring context ready", t -> t.since(t.contextReadyAt()));
        gauge("orfeas.startup.ready", "Process start to readiness UP (the instance takes traffic)",
                t -> t.since(t.ready));
        gauge("orfeas.startup.first.request", "Readiness UP to the first request served (probes not counted)",
                t -> t.firstRequest == null || t.ready == null ? Double.NaN : seconds(t.ready, t.firstRequest));
    }

    /** Ready when the Spring context is (an app without start-up work of its own: events). */
    public static StartupTimeline readyWithContext(MeterRegistry registry) {
        return new StartupTimeline(registry, false, processStart(), Instant::now);
    }

    /** Ready when both the context is and the app said so with {@link #appReady()} (generate: engine loaded). */
    public static StartupTimeline gated(MeterRegistry registry) {
        return new StartupTimeline(registry, true, processStart(), Instant::now);
    }

    /**
     * When the OS started this process, to 10 ms (Linux's /proc: its start in clock ticks since boot against the
     * uptime now), else the JVM's own start. Not {@code ProcessHandle}'s start instant: it adds the boot time, which
     * /proc gives in whole seconds, so it read up to a second early (a cold start measured 0.5 s too long).
     */
    static Instant processStart() {
        Instant jvm = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name (in parentheses, may hold spaces): state is field 3, starttime field 22
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startedAfterBoot = Long.parseLong(fields[22 - 3]) / (double) USER_HZ;
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            Instant os = Instant.now().minusMillis(Math.round((uptime - startedAfterBoot) * 1000));
            return os.isBefore(jvm) ? os : jvm;
        } catch (IOException | RuntimeException notLinux) {
            return jvm;
        }
    }

    /** The unit of /proc's tick counts: USER_HZ, 100 on every Linux architecture the images run on. */
    private static final int USER_HZ = 100;

    /** The app's own start-up step {@code name} took {@code seconds} (gauge {@code orfeas.startup.phase}). */
    public synchronized void phase(String name, double seconds) {
        if (phases.putIfAbsent(name, seconds) == null) {
            Gauge.builder("orfeas.startup.phase", this, t -> t.phaseSeconds(name)).tag("phase", name)
                    .baseUnit("seconds").description("Seconds of one start-up step of the app (engine, model, warmup)")
                    .register(registry);
        }
    }

    void contextReady() {
        Instant now = clock.get();
        synchronized (this) {
            if (contextReady == null) {
                contextReady = now;
            }
        }
        maybeReady();
    }

    /** A gated app is ready (only the first call counts). */
    public void appReady() {
        Instant now = clock.get();
        synchronized (this) {
            if (appReady == null) {
                appReady = now;
            }
        }
        maybeReady();
    }

    /** A request other than a probe was answered; only the first one after readiness counts. */
    void requestServed() {
        if (firstRequest != null || ready == null) {
            return;
        }
        Instant now = clock.get();
        synchronized (this) {
            if (firstRequest != null) {
                return;
            }
            firstRequest = now;
        }
        log.info("first request served {} s after ready ({} s after process start)",
                format(seconds(ready, now)), format(seconds(processStart, now)));
    }

    private void maybeReady() {
        String line;
        synchronized (this) {
            if (ready != null || contextReady == null || (gated && appReady == null)) {
                return;
            }
            ready = gated && appReady.isAfter(contextReady) ? appReady : contextReady;
            StringJoiner steps = new StringJoiner(", ", "; ", "").setEmptyValue("");
            phases.forEach((name, s) -> steps.add(name + " " + format(s) + " s"));
            line = "started: ready " + format(since(ready)) + " s after process start (spring context "
                    + format(since(contextReady)) + " s" + steps + ")";
        }
        log.info(line);
    }

    private synchronized Instant contextReadyAt() {
        return contextReady;
    }

    private synchronized double phaseSeconds(String name) {
        return phases.getOrDefault(name, Double.NaN);
    }

    private double since(Instant at) {
        return at == null ? Double.NaN : seconds(processStart, at);
    }

    private void gauge(String name, String help, java.util.function.ToDoubleFunction<StartupTimeline> value) {
        Gauge.builder(name, this, value).baseUnit("seconds").description(help).register(registry);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static String format(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f", seconds);
    }
}
