package dev.orfeas.cloudevents;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CeHeadersTests {

    @Test
    void ceValuesArePercentEncodedPerTheHttpBindingAndDecodeBack() {
        String key = "in/γάτα \"1\" 100%.png";

        String encoded = CeHeaders.encode(key);

        assertThat(encoded).isEqualTo("in/%CE%B3%CE%AC%CF%84%CE%B1%20%221%22%20100%25.png");
        assertThat(CeHeaders.decode(encoded)).isEqualTo(key);
    }

    @Test
    void onlyCeHeadersAreTouchedAndMalformedEscapesSurvive() {
        var encoded = CeHeaders.encode(Map.of("ce-subject", "a b", "Content-Type", "application/json; x=\"y z\""));

        assertThat(encoded).containsEntry("ce-subject", "a%20b")
                .containsEntry("Content-Type", "application/json; x=\"y z\"");
        assertThat(CeHeaders.decode("100%zz%4")).isEqualTo("100%zz%4");
    }
}
