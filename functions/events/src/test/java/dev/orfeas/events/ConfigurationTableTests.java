package dev.orfeas.events;

import dev.orfeas.events.adapter.AdapterProperties;
import dev.orfeas.events.adapter.SinkProperties;
import dev.orfeas.events.backup.BackupProperties;
import dev.orfeas.events.notify.NotifyProperties;
import dev.orfeas.events.web.InternalAuthProperties;
import dev.orfeas.events.web.OidcProperties;
import dev.orfeas.storage.ConfigurationTable;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's configuration table lists exactly the keys the events app's properties records bind. */
class ConfigurationTableTests {

    @Test
    void everyEventsKeyIsInTheReadmeTableAndNoOther() throws Exception {
        assertThat(ConfigurationTable.documented("orfeas.events.adapter"))
                .isEqualTo(ConfigurationTable.keys(AdapterProperties.class, "orfeas.events.adapter", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.events.sink"))
                .isEqualTo(ConfigurationTable.keys(SinkProperties.class, "orfeas.events.sink", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.events.notify"))
                .isEqualTo(ConfigurationTable.keys(NotifyProperties.class, "orfeas.events.notify", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.events.backup"))
                .isEqualTo(ConfigurationTable.keys(BackupProperties.class, "orfeas.events.backup",
                        Set.of("orfeas.events.backup.target")));
        assertThat(ConfigurationTable.documented("orfeas.events.oidc"))
                .isEqualTo(ConfigurationTable.keys(OidcProperties.class, "orfeas.events.oidc", Set.of()));
        assertThat(ConfigurationTable.documented("orfeas.events.internal-auth")).isEqualTo(ConfigurationTable.keys(
                InternalAuthProperties.class, "orfeas.events.internal-auth", Set.of()));
    }
}
