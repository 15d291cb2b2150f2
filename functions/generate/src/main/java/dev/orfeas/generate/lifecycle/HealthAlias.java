package dev.orfeas.generate.lifecycle;

import dev.orfeas.generate.engine.Engine;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health}: the readiness answer at a short path (200 UP / 503 with the engine state), naming the
 * segmentation model and its sha256 once ready.
 */
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
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("engine", engineState);
        if (engine.state() == Engine.State.READY) {
            engine.segmentationModel().ifPresentOrElse(m -> {
                body.put("segmentationModel", m.file().getFileName().toString());
                body.put("segmentationModelSha256", m.sha256());
            }, () -> body.put("segmentationModel", "none"));
        }
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
