package dev.orfeas.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data of {@code backup.failed}: a backup that can never succeed as asked; {@code meshId} null for a full backup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupFailed(String meshId, String detail) {
}
