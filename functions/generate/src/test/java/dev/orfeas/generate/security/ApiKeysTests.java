package dev.orfeas.generate.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

    private static final String KEY = "first-key-0123456789";

    @Test
    void rawKeysAndHashedKeysAreBothAcceptedAndIdentifiedByHashPrefix() {
        String otherHash = HexFormat.of().formatHex(ApiKeys.sha256("second-key-0123456789"));
        var keys = new ApiKeys(new SecurityProperties(false, List.of(KEY), List.of(otherHash), false,
                new SecurityProperties.RateLimit(true, 1, 1)));

        assertThat(keys.identify(KEY)).contains(HexFormat.of().formatHex(ApiKeys.sha256(KEY)).substring(0, 12));
        assertThat(keys.identify("second-key-0123456789")).isPresent();
        assertThat(keys.identify("third-key-0123456789")).isEmpty();
        assertThat(keys.identify(null)).isEmpty();
    }

    @Test
    void propertiesNeverPrintKeys() {
        var properties = new SecurityProperties(false, List.of(KEY), List.of(), false,
                new SecurityProperties.RateLimit(true, 1, 1));

        assertThat(properties.toString()).doesNotContain(KEY);
    }
}
