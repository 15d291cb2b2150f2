package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.storage.InvalidObjectKeyException;
import io.cloudevents.CloudEvent;

import java.util.Optional;

/**
 * What the adapter sends at all, decided before the sink is asked. An event for another bucket than uploads (the
 * one bucket MinIO's webhook is set on), or for a key with a {@code ..} segment or a control character ({@code %00}),
 * can never become a mesh: it is {@link Decision#REFUSE refused} and recorded. A removal sent straight to the
 * generate function (no {@code K_SINK}) is {@link Decision#SKIP skipped}: generate takes only creations; a broker
 * may have a Trigger for removals, so with {@code K_SINK} it is sent.
 */
final class Forwarding {

    enum Decision { SEND, SKIP, REFUSE }

    record Verdict(Decision decision, String reason) {
    }

    private final String uploadsBucket;
    private final boolean toGenerate;

    Forwarding(String uploadsBucket, boolean toGenerate) {
        this.uploadsBucket = uploadsBucket;
        this.toGenerate = toGenerate;
    }

    Verdict decide(CloudEvent event) {
        Object bucket = event.getExtension(ObjectEventMapper.BUCKET_EXTENSION);
        if (!uploadsBucket.equals(String.valueOf(bucket))) {
            return new Verdict(Decision.REFUSE, "bucket '" + bucket + "' is not the uploads bucket '" + uploadsBucket
                    + "'");
        }
        Optional<String> unsafe = unsafeKey(event.getSubject());
        if (unsafe.isPresent()) {
            return new Verdict(Decision.REFUSE, "object key refused: " + unsafe.get());
        }
        if (toGenerate && EventTypes.OBJECT_REMOVED.equals(event.getType())) {
            return new Verdict(Decision.SKIP, "the generate function takes no removals");
        }
        return new Verdict(Decision.SEND, null);
    }

    private static Optional<String> unsafeKey(String key) {
        try {
            InvalidObjectKeyException.requireSafe(key);
            return Optional.empty();
        } catch (InvalidObjectKeyException e) {
            return Optional.of(e.getMessage());
        }
    }
}
