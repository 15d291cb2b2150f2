package dev.orfeas.web.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Tells the {@link StartupTimeline} when the first real request after readiness was answered. Probes and the
 * actuator do not count: the platform's probes reach a cold instance before any user does.
 */
final class FirstRequestFilter extends OncePerRequestFilter {

    private static final Set<String> PROBES = Set.of("/livez", "/readyz", "/health");

    private final StartupTimeline timeline;

    FirstRequestFilter(StartupTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return PROBES.contains(path) || path.startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            timeline.requestServed();
        }
    }
}
