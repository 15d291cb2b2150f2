package dev.orfeas.generate.lifecycle;

import dev.orfeas.generate.problem.Problems;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * From the moment shutdown begins (before the web server drains), new requests get 503 + Retry-After and
 * readiness turns DOWN, while requests already running finish. Counts the requests in flight (an SSE stream until
 * its async completion), so {@link DrainBeforeWebServerStops} can keep the port answering 503 until they are done.
 */
public class Draining extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);

    private final JsonMapper json;
    private volatile boolean draining;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Draining(JsonMapper json) {
        this.json = json;
    }

    public boolean draining() {
        return draining;
    }

    /** Requests past this filter that have not completed (health and actuator are not counted). */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (!draining) {
            draining = true;
            AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
            log.info("shutting down: refusing new requests, finishing the ones in flight");
        }
    }

    /** Health keeps answering (readiness reports DOWN) so the platform sees the state. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/health") || path.equals("/livez") || path.equals("/readyz")
                || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader("Connection", "close");
            Problems.DRAINING.write(response, json, "this instance is shutting down; retry on another", 1L);
            return;
        }
        inFlight.incrementAndGet();
        boolean async = false;
        try {
            chain.doFilter(request, response);
            async = request.isAsyncStarted();
            if (async) {
                request.getAsyncContext().addListener(new Completion(inFlight));
            }
        } finally {
            if (!async) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** An async request (SSE) is in flight until its async context completes (a timeout or error completes too). */
    private record Completion(AtomicInteger inFlight) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            inFlight.decrementAndGet();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
