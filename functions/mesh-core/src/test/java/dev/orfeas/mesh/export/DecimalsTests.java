package dev.orfeas.mesh.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTests {

    @ParameterizedTest
    @CsvSource({
            "0, 0", "-0.0, 0", "1, 1", "-1, -1", "0.5, 0.5", "-0.25, -0.25", "0.1, 0.1",
            "0.000123, 0.000123", "0.0000004, 0", "-0.0000004, 0", "0.0000006, 0.000001",
            "123.4567891, 123.456789", "1e-7, 0", "2.5e11, 250000000000", "1e13, 10000000000000.000000",
    })
    void writesCompactPlainDecimals(double value, String expected) {
        assertThat(Decimals.append(new StringBuilder(), value).toString()).isEqualTo(expected);
    }
}
