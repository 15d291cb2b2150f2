package dev.orfeas.web.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a start's time goes, on request: with {@code ORFEAS_STARTUP_STEPS=true} Spring records its start-up steps
 * (bean instantiations, context phases) and, once the app is ready, one line per step among the slowest is logged
 * with its own time (its duration less its sub-steps'). Logged rather than served by actuator's startup endpoint,
 * which Spring AOT (the images) leaves out. Off by default: recording costs memory and a little time.
 */
public final class StartupSteps {

    /** The environment variable that turns the recording on. */
    public static final String ENABLED_BY = "ORFEAS_STARTUP_STEPS";
    static final int SHOWN = 25;
    private static final int CAPACITY = 20_000;
    private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);

    private StartupSteps() {
    }

    /** Records this application's start when {@value #ENABLED_BY} is true; returns it. */
    public static SpringApplication recordIfEnabled(SpringApplication application) {
        if (Boolean.parseBoolean(System.getenv(ENABLED_BY))) {
            BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
            application.setApplicationStartup(startup);
            application.addListeners((ApplicationReadyEvent ready) -> log(startup.getBufferedTimeline().getEvents()));
        }
        return application;
    }

    private static void log(List<TimelineEvent> events) {
        Map<Long, Duration> children = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                children.merge(parent, event.getDuration(), Duration::plus);
            }
        }
        record Own(TimelineEvent event, Duration own) {
        }
        List<Own> slowest = events.stream()
                .map(e -> new Own(e, e.getDuration().minus(children.getOrDefault(e.getStartupStep().getId(),
                        Duration.ZERO))))
                .sorted(Comparator.comparing(Own::own).reversed()).limit(SHOWN).toList();
        log.info("start-up steps: {} recorded; the {} slowest by own time follow", events.size(), slowest.size());
        for (Own step : slowest) {
            log.info("start-up step {} ms own, {} ms in all: {}{}", step.own().toMillis(),
                    step.event().getDuration().toMillis(), step.event().getStartupStep().getName(),
                    tags(step.event().getStartupStep()));
        }
    }

    private static String tags(StartupStep step) {
        StringJoiner joined = new StringJoiner(", ", " (", ")").setEmptyValue("");
        step.getTags().forEach(tag -> joined.add(tag.getKey() + "=" + tag.getValue()));
        return joined.toString();
    }
}
