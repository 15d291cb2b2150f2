package dev.orfeas.config;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Begins slow work before Spring creates its beans, from properties bound straight from the environment, so it
 * runs alongside the context's own start (the engine's load, the S3 client). The work is registered as a singleton
 * for the bean that adopts it, and abandoned when the context closes. Properties that do not bind, or that the
 * work refuses, start nothing: the validated {@code @ConfigurationProperties} binding reports them. Skipped in the management port's child
 * context (its parent has the work) and in the build's AOT processing.
 *
 * @param <P> the properties the work is made from
 * @param <W> the work in progress
 */
public abstract class EarlyStart<P, W> implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final String bean;
    private final String prefix;
    private final Class<P> type;

    protected EarlyStart(String bean, String prefix, Class<P> type) {
        this.bean = bean;
        this.prefix = prefix;
        this.type = type;
    }

    /** Begins the work (on threads of its own). */
    protected abstract W begin(P properties);

    /** The context closes: release what nobody adopted. */
    protected abstract void abandon(W work);

    /** False where this start needs no such work. */
    protected boolean wanted(ConfigurableApplicationContext context) {
        return true;
    }

    @Override
    public final void initialize(ConfigurableApplicationContext context) {
        if (context.getParent() != null || context.getBeanFactory().containsSingleton(bean)
                || Boolean.getBoolean("spring.aot.processing") || !wanted(context)) {
            return;
        }
        W work;
        try {
            work = begin(Binder.get(context.getEnvironment()).bindOrCreate(prefix, type));
        } catch (RuntimeException invalid) {
            return; // properties that do not bind, or that the work itself refuses
        }
        context.getBeanFactory().registerSingleton(bean, work);
        context.addApplicationListener((ContextClosedEvent event) -> abandon(work));
    }
}
