package dev.orfeas.config;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * A {@code @ConfigurationProperties} record that checks its own values: Spring Boot validates a constructor-bound
 * type that is a {@link Validator} after binding it, so a bad setting still stops the start with the property
 * named, without Bean Validation, whose bootstrap cost ~0.3 s of every cold start (docs/benchmarks.md).
 */
public interface SelfValidating extends Validator {

    /** Rejects each bad value into {@code checks}; nested records are checked through {@link Checks#nested}. */
    void check(Checks checks);

    @Override
    default boolean supports(Class<?> type) {
        return getClass().isAssignableFrom(type);
    }

    @Override
    default void validate(Object target, Errors errors) {
        ((SelfValidating) target).check(new Checks(errors));
    }
}
