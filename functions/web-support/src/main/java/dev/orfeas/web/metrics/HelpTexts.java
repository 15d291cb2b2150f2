package dev.orfeas.web.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.Map;

/**
 * Gives every meter a description, so each Prometheus family has a {@code # HELP} line and
 * {@code promtool check metrics} finds nothing to report: the ones Spring and Tomcat register without one, and any
 * of the apps' own that lack one (the meter's name then).
 */
final class HelpTexts implements MeterFilter {

    private static final Map<String, String> KNOWN = Map.of(
            "http.server.requests", "HTTP requests served, by method, uri, status, outcome and problem type",
            "http.server.requests.active", "HTTP requests in flight",
            "orfeas.mesh.faces", "Faces of generated meshes",
            "orfeas.mesh.vertices", "Vertices of generated meshes");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        String help = KNOWN.getOrDefault(id.getName(), id.getName());
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(), help, id.getType());
    }
}
