package dev.orfeas.generate.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

    private static final String KEY = "first-key-0123456789";
    private static final String INTERNAL_KEY = "internal-key-0123456789";
    private static final SecurityProperties.Internal INTERNAL = new SecurityProperties.Internal(
            List.of(INTERNAL_KEY), List.of(), 600, 6000);

    @Test
    void rawKeysAndHashedKeysAreBothAcceptedAndIdentifiedByHashPrefix() {
        String otherHash = HexFormat.of().formatHex(ApiKeys.sha256("second-key-0123456789"));
        var keys = new ApiKeys(new SecurityProperties(false, List.of(KEY), List.of(otherHash), false,
                new SecurityProperties.RateLimit(true, 1, 1), INTERNAL));

        assertThat(keys.identify(KEY)).contains(HexFormat.of().formatHex(ApiKeys.sha256(KEY)).substring(0, 12));
        assertThat(keys.identify("second-key-0123456789")).isPresent();
        assertThat(keys.identify("third-key-0123456789")).isEmpty();
        assertThat(keys.identify(null)).isEmpty();
    }

    @Test
    void propertiesNeverPrintKeys() {
        var properties = new SecurityProperties(false, List.of(KEY), List.of(), false,
                new SecurityProperties.RateLimit(true, 1, 1), INTERNAL);

        assertThat(properties.toString()).doesNotContain(KEY).doesNotContain(INTERNAL_KEY);
    }

    @Test
    void internalKeysAreTheirOwnSetAndAShortOneIsRefusedAtStart() {
        var properties = new SecurityProperties(false, List.of(KEY), List.of(), false,
                new SecurityProperties.RateLimit(true, 1, 1), INTERNAL);

        assertThat(ApiKeys.internal(properties).identify(INTERNAL_KEY)).isPresent();
        assertThat(ApiKeys.internal(properties).identify(KEY)).isEmpty();
        assertThat(new ApiKeys(properties).identify(INTERNAL_KEY)).isEmpty();
        assertThat(new SecurityProperties(false, List.of(KEY), List.of(), false,
                new SecurityProperties.RateLimit(true, 1, 1),
                new SecurityProperties.Internal(List.of("short"), List.of(), 1, 1)).isKeysLongEnough()).isFalse();
    }
}
