package dev.orfeas.generate.jobs;

import dev.orfeas.cloudevents.TokenFile;
import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.problem.ProblemAdvice;
import dev.orfeas.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
@EnableWebSocket
class JobsConfiguration {

    /** This process among the instance's lives: jobs stored with another boot id of the same instance are orphans. */
    private final String boot = UUID.randomUUID().toString();

    @Bean
    JobStore jobStore(ObjectStore store, JsonMapper json) {
        return new JobStore(store, json);
    }

    @Bean
    LiveJobs liveJobs() {
        return new LiveJobs();
    }

    @Bean
    JobRunner jobRunner(JobStore store, LiveJobs live, GenerateFunction generate, ConcurrencyLimiter limiter,
                        ProblemAdvice problems, JsonMapper json, JobsProperties properties, MeterRegistry registry) {
        return new JobRunner(store, live, generate, limiter, problems, json, Clock.systemUTC(),
                properties.instance(), boot, registry);
    }

    @Bean
    JobSweeper jobSweeper(JobStore store, LiveJobs live, JsonMapper json, JobsProperties properties) {
        return new JobSweeper(store, live, json, Clock.systemUTC(), properties, boot);
    }

    /**
     * Without a sink the jobs run here (a bounded queue, closed with the context); with one, on the broker. On
     * Knative ({@code K_SERVICE} set) never here: work after the 202 would run with no request in flight, so a
     * service without a sink (generate-events, which only runs job.requested deliveries) takes no jobs.
     */
    @Bean(destroyMethod = "close")
    JobService jobService(JobStore store, LiveJobs live, Engine engine, MeshService meshes, ObjectStore objects,
                          JobRunner runner, JobSweeper sweeper, JsonMapper json, JobsProperties properties,
                          MeterRegistry registry, @Value("${K_SERVICE:}") String knativeService) {
        LocalJobQueue queue = !runsHere(properties, knativeService) ? null : new LocalJobQueue(runner, properties.workers(),
                properties.queueLength(), registry, id -> sweeper.interrupt(id, "the instance shut down"));
        JobSink sink = properties.hasSink() ? new JobSink(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build(), properties.sink(), properties.sinkTimeout(),
                properties.sinkTokenFile() == null ? null : new TokenFile(properties.sinkTokenFile())) : null;
        return new JobService(store, live, engine, meshes, objects, queue, sink, runner, sweeper, json,
                Clock.systemUTC(), registry);
    }

    /** Jobs run in this process: no sink to send them to, and not on Knative (no work after the 202 there). */
    private static boolean runsHere(JobsProperties properties, String knativeService) {
        return !properties.hasSink() && knativeService.isEmpty();
    }

    @Bean
    JobFeed jobFeed(JobService jobs, LiveJobs live, JobsProperties properties) {
        return new JobFeed(jobs, live, properties.keepAlive());
    }

    @Bean
    JobEvents jobEvents(JobRunner runner, JobSweeper sweeper) {
        return new JobEvents(runner, sweeper);
    }

    @Bean
    JobsWebSocket jobsWebSocket(JobService jobs, JobFeed feed, JsonMapper json) {
        return new JobsWebSocket(jobs, feed, json);
    }

    @Bean
    WebSocketConfigurer jobsWebSocketEndpoint(JobsWebSocket handler) {
        return registry -> registry.addHandler(handler, "/jobs/*/ws").addInterceptors(handler);
    }

    /**
     * The sweeps' thread: on one machine the periodic sweep (and the one after the start, {@link #jobRecovery});
     * on Knative the sweep runs inside job.requested deliveries instead ({@link JobEvents}).
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService jobSweeps(JobSweeper sweeper, JobsProperties properties,
                                       @Value("${K_SERVICE:}") String knativeService) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("job-sweep").factory());
        if (runsHere(properties, knativeService)) {
            long every = properties.sweepInterval().toMillis();
            timer.scheduleWithFixedDelay(sweeper::sweepIfDue, every, every, TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    /**
     * After the start, off the readiness path (a sweep reads every stored job: its cost grows with them): jobs an
     * earlier process of this instance left unfinished end as failed; a client asking for one meanwhile already
     * sees it failed ({@link JobSweeper#settled}). Not on Knative: a new pod has a new name, so no job there is its
     * own, and the deliveries' sweep finishes a dead pod's jobs once they are stale.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> jobRecovery(JobSweeper sweeper, ScheduledExecutorService jobSweeps,
                                                           @Value("${K_SERVICE:}") String knativeService) {
        return event -> {
            if (knativeService.isEmpty()) {
                jobSweeps.execute(sweeper::sweepAtStart);
            }
        };
    }
}
