package dev.orfeas.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTests {

    private final CloudEvent event = CloudEventBuilder.v1().withId("e-1").withType(EventTypes.OBJECT_CREATED)
            .withSource(URI.create("/orfeas/minio")).withSubject("cat.png")
            .withData("application/json", EventData.write(ObjectEvent.of("uploads", "cat.png"))).build();

    @Test
    void binaryModeRoundTripsThroughCeHeaders() {
        var encoded = CloudEventCodec.write(event, false);

        assertThat(encoded.headers()).containsEntry("ce-id", "e-1").containsEntry("ce-type", EventTypes.OBJECT_CREATED);
        assertThat(CloudEventCodec.isCloudEvent(encoded.headers())).isTrue();
        CloudEvent back = CloudEventCodec.read(encoded.headers(), encoded.body());
        assertThat(back.getId()).isEqualTo("e-1");
        assertThat(ObjectEvent.parse(back.getData().toBytes()).ref()).isEqualTo(new ObjectRef("uploads", "cat.png"));
    }

    @Test
    void binaryModeHeadersArePercentEncodedAsciiAndDecodeBackToUnicode() {
        CloudEvent unicode = CloudEventBuilder.v1(event).withSubject("γάτα μου 100%.png").build();

        var encoded = CloudEventCodec.write(unicode, false);

        assertThat(encoded.headers().get("ce-subject")).isEqualTo("%CE%B3%CE%AC%CF%84%CE%B1%20%CE%BC%CE%BF%CF%85%20100%25.png")
                .matches("\\p{ASCII}*");
        assertThat(CloudEventCodec.read(encoded.headers(), encoded.body()).getSubject()).isEqualTo("γάτα μου 100%.png");
    }

    @Test
    void structuredModeRoundTripsThroughJsonBody() {
        var encoded = CloudEventCodec.write(event, true);

        assertThat(encoded.headers().get("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(new String(encoded.body(), StandardCharsets.UTF_8)).contains("\"specversion\":\"1.0\"");
        CloudEvent back = CloudEventCodec.read(Map.of("content-type", "application/cloudevents+json"), encoded.body());
        assertThat(back.getSubject()).isEqualTo("cat.png");
    }

    @Test
    void requestWithoutEventAttributesIsRejected() {
        assertThat(CloudEventCodec.isCloudEvent(Map.of("Content-Type", "image/png"))).isFalse();
        assertThatThrownBy(() -> CloudEventCodec.read(Map.of("ce-specversion", "1.0"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void objectRefReadsMinioNotificationWithEncodedKey() {
        String minio = """
                {"EventName":"s3:ObjectCreated:Put","Key":"uploads/my cat.png",
                 "Records":[{"s3":{"bucket":{"name":"uploads"},"object":{"key":"my+cat%C3%A9.png","size":3}}}]}""";

        assertThat(ObjectEvent.parse(minio.getBytes(StandardCharsets.UTF_8)).ref())
                .isEqualTo(new ObjectRef("uploads", "my catÃ©.png".replace("Ã©", "\u00e9")));
        assertThatThrownBy(() -> ObjectEvent.parse("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
