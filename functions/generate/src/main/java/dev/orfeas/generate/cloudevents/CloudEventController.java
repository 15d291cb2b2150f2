package dev.orfeas.generate.cloudevents;

import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** Knative delivers events to the service root: {@code POST /} (also accepted on {@code POST /generate}). */
@RestController
class CloudEventController {

    private final CloudEventHandler events;

    CloudEventController(CloudEventHandler events) {
        this.events = events;
    }

    @PostMapping("/")
    ResponseEntity<byte[]> event(HttpServletRequest request) throws IOException {
        if (!EventRequests.isCloudEvent(request)) {
            throw new ProblemException(Problems.BAD_EVENT,
                    "POST / takes CloudEvents (ce-* headers or application/cloudevents+json); images go to /generate");
        }
        return events.handle(request);
    }
}
