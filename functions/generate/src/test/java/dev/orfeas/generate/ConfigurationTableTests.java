package dev.orfeas.generate;

import dev.orfeas.generate.engine.EngineProperties;
import dev.orfeas.generate.security.SecurityProperties;
import dev.orfeas.storage.ConfigurationTable;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's configuration table lists exactly the keys the generate app's properties records bind. */
class ConfigurationTableTests {

    @Test
    void everyGenerationAndSecurityKeyIsInTheReadmeTableAndNoOther() throws Exception {
        assertThat(ConfigurationTable.documented("orfeas.generation"))
                .isEqualTo(ConfigurationTable.keys(EngineProperties.class, "orfeas.generation", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.security"))
                .isEqualTo(ConfigurationTable.keys(SecurityProperties.class, "orfeas.security", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.jobs"))
                .isEqualTo(ConfigurationTable.keys(dev.orfeas.generate.jobs.JobsProperties.class, "orfeas.jobs",
                        Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.maintenance")).isEqualTo(ConfigurationTable.keys(
                dev.orfeas.generate.maintenance.MaintenanceProperties.class, "orfeas.maintenance", Set.of()));
    }
}
