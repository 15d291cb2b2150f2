package dev.orfeas.events.backup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Backups of generated meshes ({@code POST /backup}).
 *
 * @param prefix key prefix in the backup bucket ({@code orfeas.storage.buckets.backups}); a mesh object
 *               {@code <key>} is copied to {@code <prefix><key>}
 */
@Validated
@ConfigurationProperties("orfeas.events.backup")
public record BackupProperties(
        @NotNull @Pattern(regexp = "|[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/", message = "must be empty or end with '/'")
        @DefaultValue("meshes/") String prefix) {
}
