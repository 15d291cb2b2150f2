package dev.orfeas.generate.jobs;

import dev.orfeas.generate.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /jobs/{id}/ws}: the same job documents as the SSE stream, one text message each, then a normal close
 * (1000). The handshake is an ordinary request (API key filter first); an unknown id or another key's job is
 * refused with a 404 problem before the upgrade. A client that goes away ends its follower at the next change.
 */
final class JobsWebSocket extends TextWebSocketHandler implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(JobsWebSocket.class);
    private static final String JOB = "jobId";

    private final JobService jobs;
    private final JobFeed feed;
    private final JsonMapper json;

    JobsWebSocket(JobService jobs, JobFeed feed, JsonMapper json) {
        this.jobs = jobs;
        this.feed = feed;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        String path = request.getURI().getRawPath();
        String id = path.substring("/jobs/".length(), path.length() - "/ws".length());
        if (jobs.find(id, JobOwner.current()).isEmpty()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(json.writeValueAsBytes(Problems.NOT_FOUND.detail("no such job")));
            return false;
        }
        attributes.put(JOB, id);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String id = (String) session.getAttributes().get(JOB);
        Thread.ofVirtual().name("job-ws").start(() -> {
            CloseStatus end = CloseStatus.NORMAL;
            try {
                feed.follow(id, document -> {
                    if (!session.isOpen()) {
                        return false;
                    }
                    return send(id, session, new TextMessage(json.writeValueAsString(document)));
                }, () -> session.isOpen() && send(id, session, new PingMessage()));
            } catch (RuntimeException e) { // the store went away mid-follow: close, do not leave the client hanging
                log.warn("job {} WebSocket: following the job failed: {}", id, e.getMessage());
                end = CloseStatus.SERVER_ERROR;
            }
            try {
                if (session.isOpen()) {
                    session.close(end);
                }
            } catch (IOException e) {
                log.debug("job {} WebSocket close: {}", id, e.getMessage());
            }
        });
    }

    private static boolean send(String id, WebSocketSession session, WebSocketMessage<?> message) {
        try {
            session.sendMessage(message);
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("job {} WebSocket closed by the client: {}", id, e.getMessage());
            return false;
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        log.debug("job {} WebSocket closed: {}", session.getAttributes().get(JOB), status);
    }
}
