package dev.orfeas.generate.api;

import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.generate.cloudevents.CloudEventHandler;
import dev.orfeas.generate.engine.EngineProperties;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.GenerationRequest;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.jobs.JobOwner;
import dev.orfeas.generate.jobs.JobResponses;
import dev.orfeas.generate.jobs.JobService;
import dev.orfeas.generate.problem.ProblemAdvice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /generate}: image in, mesh out. The body is read as bytes (never as text), the query parameters
 * become typed {@link GenerationOptions} and the "generate" function is called with a {@link GenerationRequest};
 * {@code Accept} picks the answer; {@code Prefer: respond-async} makes it a job (202, as {@code POST /jobs}).
 * CloudEvents posted here are passed to {@link CloudEventHandler}.
 */
@RestController
class GenerateController {

    private static final Logger log = LoggerFactory.getLogger(GenerateController.class);

    private final GenerateFunction generate;
    private final ConcurrencyLimiter limiter;
    private final EngineProperties engineProperties;
    private final ObjectStore store;
    private final MeshService meshes;
    private final ProblemAdvice problems;
    private final CloudEventHandler events;
    private final Executor executor;
    private final JobService jobs;

    GenerateController(GenerateFunction generate, ConcurrencyLimiter limiter, EngineProperties engineProperties,
                       ObjectStore store, MeshService meshes, ProblemAdvice problems, CloudEventHandler events,
                       Executor generationExecutor, JobService jobs) {
        this.generate = generate;
        this.limiter = limiter;
        this.engineProperties = engineProperties;
        this.store = store;
        this.meshes = meshes;
        this.problems = problems;
        this.events = events;
        this.executor = generationExecutor;
        this.jobs = jobs;
    }

    @PostMapping("/generate")
    Object generate(HttpServletRequest request,
                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                    @RequestParam(required = false) String format,
                    @RequestParam(required = false) String quality,
                    @RequestParam(required = false) Integer faces,
                    @RequestParam(required = false) Double detail,
                    @RequestParam(required = false) String foreground,
                    @RequestParam(required = false) String name) throws IOException {
        if (EventRequests.isCloudEvent(request)) {
            return events.handle(request);
        }
        GenerationOptions options = RequestOptions.parse(format, accept, quality, faces, detail, foreground);
        boolean async = JobResponses.prefersAsync(request);
        AcceptMode mode = async ? AcceptMode.JSON : AcceptMode.choose(accept, options.format());
        // the whole (capped, deadlined) body first: a slow client must not hold a generation slot (issue 12.3)
        ImageUpload upload = ImageUpload.read(request, name, engineProperties.maxBytes().toBytes(),
                engineProperties.bodyTimeout());
        if (async) {
            return JobResponses.accepted(jobs.submit(upload.bytes(), upload.contentType(), upload.fileName(),
                    options, JobOwner.current()), true);
        }
        ConcurrencyLimiter.Permit permit = limiter.acquire();
        try {
            var generation = new GenerationRequest(upload.bytes(), options, upload.fileName(), upload.contentType(),
                    null);
            if (mode == AcceptMode.EVENTS) {
                SseEmitter emitter = stream(generation, permit);
                permit = null; // handed to the stream
                return emitter;
            }
            MeshService.Outcome outcome = generate.apply(generation);
            return mode == AcceptMode.JSON ? json(outcome, upload.fileName()) : bytes(outcome, upload.fileName());
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    private ResponseEntity<MeshView> json(MeshService.Outcome outcome, String fileName) {
        return ResponseEntity.ok().location(URI.create("/meshes/" + outcome.meta().id()))
                .header("Server-Timing", serverTiming(outcome))
                .header("X-Mesh-Id", outcome.meta().id()).header("X-Cache", outcome.cached() ? "hit" : "miss")
                .body(MeshView.of(outcome.meta(), outcome.cached(), store, fileName));
    }

    /** The model bytes, named after this request's file (or the stored mesh's source when none was sent). */
    private ResponseEntity<byte[]> bytes(MeshService.Outcome outcome, String fileName) {
        var meta = outcome.meta();
        byte[] body = outcome.modelBytes() != null ? outcome.modelBytes() : meshes.readModel(meta);
        String base = GenerationRequest.baseName(fileName != null ? fileName : meta.source().name());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(meta.primary().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(base + "." + meta.options().format()).build().toString())
                .eTag("\"" + meta.id() + "\"")
                .location(URI.create("/meshes/" + meta.id()))
                .header("X-Mesh-Id", meta.id()).header("X-Cache", outcome.cached() ? "hit" : "miss")
                .header("Server-Timing", serverTiming(outcome))
                .body(body);
    }

    /** {@code Server-Timing: lookup;dur=2.1, engine;dur=351.0, store;dur=40.2} (milliseconds). */
    private static String serverTiming(MeshService.Outcome outcome) {
        StringBuilder header = new StringBuilder();
        for (String name : new String[] {"lookup", "engine", "store"}) {
            Double ms = outcome.timingsMs().get(name);
            if (ms != null) {
                header.append(header.isEmpty() ? "" : ", ").append(name).append(";dur=").append(ms);
            }
        }
        return header.toString();
    }

    private SseEmitter stream(GenerationRequest generation, ConcurrencyLimiter.Permit permit) {
        SseEmitter emitter = new SseEmitter(600_000L);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        AtomicInteger sequence = new AtomicInteger();
        ProgressListener progress = (stage, millis) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("stage", stage.label());
            data.put("percent", stage.percentWhenDone());
            data.put("millis", Math.round(millis * 100) / 100.0);
            send(emitter, SseEmitter.event().id(Integer.toString(sequence.incrementAndGet())).name("progress")
                    .data(data, MediaType.APPLICATION_JSON));
        };
        executor.execute(() -> {
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
            try (permit) {
                MeshService.Outcome outcome = generate.apply(generation.withProgress(progress));
                send(emitter, SseEmitter.event().id(Integer.toString(sequence.incrementAndGet())).name("result")
                        .data(MeshView.of(outcome.meta(), outcome.cached(), store, generation.sourceName()),
                                MediaType.APPLICATION_JSON));
            } catch (RuntimeException e) {
                send(emitter, SseEmitter.event().name("error")
                        .data(problems.toProblem(e), MediaType.APPLICATION_PROBLEM_JSON));
            } finally {
                emitter.complete();
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        });
        return emitter;
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("progress stream closed by the client: {}", e.getMessage());
        }
    }
}
