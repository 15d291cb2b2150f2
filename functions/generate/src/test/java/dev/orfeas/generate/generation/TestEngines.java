package dev.orfeas.generate.generation;

import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.engine.EngineProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

/** A real engine (built-in depth field, no model, no warm-up) started with {@code new}, for unit tests. */
public final class TestEngines {

    private static Engine engine;

    private TestEngines() {
    }

    /** One engine per test JVM, loaded once. */
    public static synchronized Engine ready() throws InterruptedException {
        if (engine == null) {
            // bound like the app binds it (defaults from @DefaultValue), so the test follows the record's shape
            EngineProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                    "orfeas.generation.device", "cpu", "orfeas.generation.warm-up", "false")))
                    .bindOrCreate("orfeas.generation", EngineProperties.class);
            Engine e = new Engine(properties, null, new SimpleMeterRegistry());
            e.start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (e.state() == Engine.State.LOADING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (e.state() != Engine.State.READY) {
                throw new IllegalStateException("engine " + e.state());
            }
            engine = e;
        }
        return engine;
    }
}
