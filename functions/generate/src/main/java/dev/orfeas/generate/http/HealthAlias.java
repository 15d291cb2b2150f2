package dev.orfeas.generate.http;

import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.lifecycle.Draining;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Map;

/** {@code GET /health}: the readiness answer at a short path (200 UP / 503 with the engine state). */
@RestController
class HealthAlias {

    private final Engine engine;
    private final Draining draining;

    HealthAlias(Engine engine, Draining draining) {
        this.engine = engine;
        this.draining = draining;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, String>> health() {
        boolean up = engine.state() == Engine.State.READY && !draining.draining();
        String engineState = draining.draining() ? "draining" : engine.state().name().toLowerCase(Locale.ROOT);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", up ? "UP" : "DOWN", "engine", engineState));
    }
}
