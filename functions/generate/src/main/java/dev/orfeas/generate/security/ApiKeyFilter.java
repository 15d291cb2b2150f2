package dev.orfeas.generate.security;

import dev.orfeas.generate.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}) on everything but health and the static
 * page, then the per-key rate limit on requests that make work (POST, DELETE): reads — a job's status polled with
 * backoff, listings, downloads — are not metered. An internal caller's key ({@code orfeas.security.internal.*}) has a
 * limit of its own. 401 / 429 as problem+json.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    private final SecurityProperties properties;
    private final ApiKeys keys;
    private final ApiKeys internalKeys;
    private final RateLimiter rateLimiter;
    private final RateLimiter internalRateLimiter;
    private final JsonMapper json;

    public ApiKeyFilter(SecurityProperties properties, ApiKeys keys, RateLimiter rateLimiter, ApiKeys internalKeys,
                        RateLimiter internalRateLimiter, JsonMapper json) {
        this.properties = properties;
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.internalKeys = internalKeys;
        this.internalRateLimiter = internalRateLimiter;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/health") || path.equals("/livez") || path.equals("/readyz")
                || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || ("GET".equals(request.getMethod()) && (path.equals("/") || path.equals("/index.html")
                || path.equals("/favicon.ico") || path.startsWith("/static/")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client;
        RateLimiter limiter = rateLimiter;
        int perMinute = properties.rateLimit().refillPerMinute();
        Optional<String> internalId = internalKeys.identify(presentedKey(request));
        if (internalId.isPresent()) {
            client = "internal:" + internalId.get();
            limiter = internalRateLimiter;
            perMinute = properties.internal().refillPerMinute();
            MDC.put("apiKey", "internal:" + internalId.get());
        } else if (properties.open() || (properties.eventsWithoutKey() && isEvent(request))) {
            client = "addr:" + request.getRemoteAddr();
        } else {
            Optional<String> keyId = keys.identify(presentedKey(request));
            if (keyId.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer");
                Problems.UNAUTHORIZED.write(response, json,
                        "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", null);
                return;
            }
            client = "key:" + keyId.get();
            MDC.put("apiKey", keyId.get());
        }
        OptionalLong wait = isRead(request) ? OptionalLong.empty() : limiter.tryConsume(client);
        if (wait.isPresent()) {
            MDC.remove("apiKey");
            Problems.RATE_LIMITED.write(response, json, "rate limit of " + perMinute
                    + " requests per minute exceeded", wait.getAsLong());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("apiKey");
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /**
     * A CloudEvent delivery to the event endpoint ({@code POST /}) — only there: ce-* headers on any other path
     * (POST /generate, GET /meshes) must not skip the key.
     */
    private static boolean isEvent(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !"/".equals(request.getRequestURI())) {
            return false;
        }
        String contentType = request.getContentType();
        return request.getHeader("ce-specversion") != null
                || (contentType != null && contentType.startsWith("application/cloudevents"));
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return request.getHeader("X-API-Key");
    }
}
