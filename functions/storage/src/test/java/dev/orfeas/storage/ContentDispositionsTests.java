package dev.orfeas.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionsTests {

    @Test
    void keepsTheExactUtf8NameAndAnAsciiFallback() {
        assertThat(ContentDispositions.attachment("γάτα cat.glb"))
                .isEqualTo("attachment; filename=\"____ cat.glb\"; filename*=UTF-8''%CE%B3%CE%AC%CF%84%CE%B1%20cat.glb");
    }

    @Test
    void stripsBidiControlsSoARightToLeftOverrideCannotDisguiseTheExtension() {
        // "cat\u202Ebnl.exe" shows as "catexe.lnb" in a right-to-left aware file dialog
        String header = ContentDispositions.attachment("cat\u202Ebnl.exe\u2066\u2067\u2068\u2069\u200E\u200F"
                + "\u202A\u202B\u202C\u202D");

        assertThat(header).isEqualTo("attachment; filename=\"catbnl.exe\"; filename*=UTF-8''catbnl.exe");
    }

    @Test
    void aNameOfOnlyBidiControlsIsNoName() {
        assertThat(ContentDispositions.attachment("\u202E\u2066")).isNull();
        assertThat(ContentDispositions.attachment(null)).isNull();
    }
}
