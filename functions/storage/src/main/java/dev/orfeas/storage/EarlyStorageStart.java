package dev.orfeas.storage;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Begins building the S3 client before Spring creates its beans ({@link EarlyS3Clients}). Properties that do not
 * bind are left to the validated {@code @ConfigurationProperties} binding to report.
 */
public final class EarlyStorageStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "earlyS3Clients";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getParent() != null || context.getBeanFactory().containsSingleton(BEAN)
                || Boolean.getBoolean("spring.aot.processing")) {
            return; // the management port's child context uses its parent's; the build's AOT processing needs none
        }
        StorageProperties properties;
        try {
            properties = Binder.get(context.getEnvironment()).bindOrCreate("orfeas.storage", StorageProperties.class);
        } catch (RuntimeException invalid) {
            return;
        }
        EarlyS3Clients early = EarlyS3Clients.start(properties);
        context.getBeanFactory().registerSingleton(BEAN, early);
        context.addApplicationListener((ContextClosedEvent event) -> early.abandon());
    }
}
