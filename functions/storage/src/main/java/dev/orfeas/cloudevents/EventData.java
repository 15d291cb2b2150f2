package dev.orfeas.cloudevents;

import io.cloudevents.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * Event data as JSON, written and read through the payload records of this package ({@link ObjectEvent},
 * {@link MeshGenerated}, {@link MeshFailed}, {@link MeshBackedUp}, {@link FullBackupCompleted},
 * {@link BackupFailed}). Unknown fields are ignored on read, so a sender may add fields, and a missing one reads
 * as null (false, 0), so it may leave some out.
 */
public final class EventData {

    public static final String JSON = "application/json";

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private EventData() {
    }

    public static byte[] write(Object payload) {
        return MAPPER.writeValueAsBytes(payload);
    }

    /** The event's data as {@code type}; empty when it has none or it does not read as one. */
    public static <T> Optional<T> read(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(event.getData().toBytes(), type));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static <T> T read(byte[] data, Class<T> type) {
        return MAPPER.readValue(data, type);
    }
}
