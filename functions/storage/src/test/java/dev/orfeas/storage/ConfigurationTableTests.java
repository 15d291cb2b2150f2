package dev.orfeas.storage;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationTableTests {

    @Test
    void everyStorageKeyIsInTheReadmeTableAndNoOther() throws Exception {
        assertThat(ConfigurationTable.documented("orfeas.storage"))
                .isEqualTo(ConfigurationTable.keys(StorageProperties.class, "orfeas.storage", Set.of()));
    }
}
