package dev.orfeas.generate.jobs;

import dev.orfeas.generate.api.ImageUpload;
import dev.orfeas.generate.api.RequestOptions;
import dev.orfeas.generate.engine.EngineProperties;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /jobs} (the same body and options as {@code POST /generate}) → 202 + the job document;
 * {@code GET /jobs/{id}}, {@code DELETE /jobs/{id}}, {@code GET /jobs/{id}/events} (SSE: one {@code job} event
 * per change, ending with the final state). Options and the upload are checked before a job exists.
 */
@RestController
class JobsController {

    private static final Logger log = LoggerFactory.getLogger(JobsController.class);
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60_000L;

    private final JobService jobs;
    private final JobFeed feed;
    private final EngineProperties engineProperties;

    JobsController(JobService jobs, JobFeed feed, EngineProperties engineProperties) {
        this.jobs = jobs;
        this.feed = feed;
        this.engineProperties = engineProperties;
    }

    @PostMapping("/jobs")
    ResponseEntity<JobDocument> submit(HttpServletRequest request,
                                       @RequestParam(required = false) String format,
                                       @RequestParam(required = false) String quality,
                                       @RequestParam(required = false) Integer faces,
                                       @RequestParam(required = false) Double detail,
                                       @RequestParam(required = false) String foreground,
                                       @RequestParam(required = false) String name) throws IOException {
        var options = RequestOptions.parse(format, null, quality, faces, detail, foreground);
        ImageUpload upload = ImageUpload.read(request, name, engineProperties.maxBytes().toBytes(),
                engineProperties.bodyTimeout());
        return JobResponses.accepted(jobs.submit(upload.bytes(), upload.contentType(), upload.fileName(), options,
                JobOwner.current()), JobResponses.prefersAsync(request));
    }

    @GetMapping("/jobs/{id}")
    JobDocument get(@PathVariable String id) {
        return jobs.document(owned(id));
    }

    @DeleteMapping("/jobs/{id}")
    JobDocument cancel(@PathVariable String id) {
        return jobs.cancel(owned(id));
    }

    @GetMapping(value = "/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        owned(id);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        // a client gone (or the stream timed out) stops the follower at the job's next change, not at its end
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        Thread.ofVirtual().name("job-events").start(() -> {
            try {
                feed.follow(id, document -> {
                    if (!open.get()) {
                        return false;
                    }
                    return send(id, emitter, SseEmitter.event().name("job").data(document, MediaType.APPLICATION_JSON));
                }, () -> open.get() && send(id, emitter, SseEmitter.event().comment("keep-alive")));
            } catch (RuntimeException e) {
                log.debug("job {} event stream ended: {}", id, e.toString());
            } finally {
                emitter.complete();
            }
        });
        return emitter;
    }

    private static boolean send(String id, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("job {} event stream closed by the client: {}", id, e.getMessage());
            return false;
        }
    }

    /** @throws ProblemException 404 for an unknown or malformed id, or another key's job */
    private JobState owned(String id) {
        return jobs.find(id, JobOwner.current()).orElseThrow(() ->
                new ProblemException(Problems.NOT_FOUND, "no job '" + printable(id) + "'"));
    }

    private static String printable(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return shown.replaceAll("[^0-9A-Za-z._-]", "?");
    }
}
