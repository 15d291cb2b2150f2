package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.EventTypes;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingTests {

    @Test
    void removalsAreNotSentToTheGenerateFunctionButAreToABroker() {
        CloudEvent removal = event(EventTypes.OBJECT_REMOVED, "uploads", "gone/a.png");

        assertThat(new Forwarding("uploads", true).decide(removal).decision()).isEqualTo(Forwarding.Decision.SKIP);
        assertThat(new Forwarding("uploads", false).decide(removal).decision()).isEqualTo(Forwarding.Decision.SEND);
    }

    @Test
    void anotherBucketOrAnUnsafeKeyIsRefusedWhateverTheSink() {
        for (boolean toGenerate : new boolean[] {true, false}) {
            Forwarding forwarding = new Forwarding("uploads", toGenerate);
            assertThat(forwarding.decide(event(EventTypes.OBJECT_CREATED, "meshes", "a.png")).decision())
                    .isEqualTo(Forwarding.Decision.REFUSE);
            assertThat(forwarding.decide(event(EventTypes.OBJECT_CREATED, "uploads", "a/../../b.png")).decision())
                    .isEqualTo(Forwarding.Decision.REFUSE);
            assertThat(forwarding.decide(event(EventTypes.OBJECT_CREATED, "uploads", "a\0.png")).decision())
                    .isEqualTo(Forwarding.Decision.REFUSE);
            assertThat(forwarding.decide(event(EventTypes.OBJECT_CREATED, "uploads", "cats/a..b.png")).decision())
                    .isEqualTo(Forwarding.Decision.SEND);
        }
    }

    private static CloudEvent event(String type, String bucket, String key) {
        return CloudEventBuilder.v1().withId("id-" + key.hashCode()).withType(type)
                .withSource(URI.create("s3://" + bucket)).withSubject(key)
                .withExtension(ObjectEventMapper.BUCKET_EXTENSION, bucket).build();
    }
}
