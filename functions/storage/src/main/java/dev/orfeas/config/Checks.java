package dev.orfeas.config;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.validation.Errors;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The checks a {@link SelfValidating} record runs on its bound values. Each takes the record component's name;
 * a failure is rejected on that property in its dashed form, which Spring Boot reports with its value and origin
 * ({@code orfeas.jobs.keep-alive}, "Value: 0s", "Reason: must be positive").
 */
public final class Checks {

    private final Errors errors;

    Checks(Errors errors) {
        this.errors = errors;
    }

    public Checks require(String field, boolean valid, String reason) {
        if (!valid) {
            errors.rejectValue(DataObjectPropertyName.toDashedForm(field), "invalid", reason);
        }
        return this;
    }

    public Checks notNull(String field, Object value) {
        return require(field, value != null, "must be set");
    }

    public Checks notBlank(String field, String value) {
        return require(field, value != null && !value.isBlank(), "must not be blank");
    }

    public Checks range(String field, long value, long min, long max) {
        return require(field, value >= min && value <= max, "must be between " + min + " and " + max);
    }

    public Checks atLeast(String field, long value, long min) {
        return require(field, value >= min, "must be at least " + min);
    }

    public Checks positive(String field, Duration value) {
        return notNull(field, value).require(field, value == null || value.isPositive(), "must be positive");
    }

    /** {@code value} is one of {@code allowed} (the message lists them). */
    public Checks oneOf(String field, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return this;
            }
        }
        return require(field, false, "must be one of: " + String.join(", ", allowed));
    }

    public Checks matches(String field, String value, String regex, String reason) {
        return notNull(field, value).require(field, value == null || value.matches(regex), reason);
    }

    /** Checks a nested record under its field's path ({@code orfeas.security.rate-limit.capacity}); null is refused. */
    public <T> Checks nested(String field, T value, BiConsumer<T, Checks> check) {
        if (value == null) {
            return notNull(field, null);
        }
        errors.pushNestedPath(DataObjectPropertyName.toDashedForm(field));
        try {
            check.accept(value, this);
        } finally {
            errors.popNestedPath();
        }
        return this;
    }
}
