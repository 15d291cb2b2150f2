package dev.orfeas.generate.engine;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts loading the engine before Spring creates its beans, so the load (seconds: natives, model, warm-up) runs
 * alongside the context's own start instead of after it; {@link Engine} adopts it when its properties match.
 * Properties that do not bind are left to the validated {@code @ConfigurationProperties} binding to report.
 */
public final class EarlyEngineStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "earlyEngineLoad";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getParent() != null || context.getBeanFactory().containsSingleton(BEAN)) {
            return; // the management port's child context has no engine of its own
        }
        if (context.getEnvironment().containsProperty("spring.context.exit")
                || Boolean.getBoolean("spring.aot.processing")) {
            return; // a start that stops at refresh (AOT training without a GPU), or the build's AOT processing
        }
        EngineLoad load;
        try {
            load = EngineLoad.unclaimed(
                    Binder.get(context.getEnvironment()).bindOrCreate("orfeas.generation", EngineProperties.class));
        } catch (RuntimeException invalid) {
            return; // the validated binding reports it, naming the setting
        }
        context.getBeanFactory().registerSingleton(BEAN, load);
        // a context that never made an Engine (or made one with other properties) must not leak the load
        context.addApplicationListener((ContextClosedEvent event) -> load.abandon());
    }
}
