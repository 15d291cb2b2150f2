package dev.orfeas.events.adapter;

import dev.orfeas.events.support.MinioPayloads;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ObjectEventMapperTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ObjectEventMapper mapper = new ObjectEventMapper(List.of(), List.of());

    @Test
    void createdRecordBecomesObjectCreatedWithDecodedSubjectBucketSourceAndJsonData() {
        var mapping = mapper.apply(notification(record("s3:ObjectCreated:Put", "uploads", "my+cat%C3%A9+%2B1.png",
                "abc")));

        assertThat(mapping.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("dev.orfeas.object.created");
            assertThat(e.getSubject()).isEqualTo("my caté +1.png");
            assertThat(e.getSource().toString()).isEqualTo("s3://uploads");
            assertThat(e.getExtension("bucket")).isEqualTo("uploads");
            JsonNode data = JSON.readTree(e.getData().toBytes());
            assertThat(data.get("bucket").asString()).isEqualTo("uploads");
            assertThat(data.get("key").asString()).isEqualTo("my caté +1.png");
            assertThat(data.get("etag").asString()).isEqualTo("abc");
            assertThat(data.get("size").asLong()).isEqualTo(42);
        });
    }

    @Test
    void removedRecordBecomesObjectRemovedAndUnknownEventNamesAreIgnored() {
        var mapping = mapper.apply(notification(record("s3:ObjectRemoved:Delete", "uploads", "a.png", null),
                record("s3:ObjectAccessed:Get", "uploads", "b.png", "e1"),
                record("s3:Replication:OperationFailedReplication", "uploads", "c.png", "e2")));

        assertThat(mapping.events()).extracting(CloudEvent::getType).containsExactly("dev.orfeas.object.removed");
        assertThat(mapping.ignored()).isEqualTo(2);
    }

    @Test
    void idIsStablePerObjectVersionAndEtagAndDifferentForANewVersion() {
        String first = mapper.apply(notification(record("s3:ObjectCreated:Put", "uploads", "a.png", "e1")))
                .events().getFirst().getId();
        String again = mapper.apply(notification(record("s3:ObjectCreated:Put", "uploads", "a.png", "e1")))
                .events().getFirst().getId();
        String newer = mapper.apply(notification(record("s3:ObjectCreated:Put", "uploads", "a.png", "e2")))
                .events().getFirst().getId();

        assertThat(again).isEqualTo(first);
        assertThat(newer).isNotEqualTo(first);
    }

    @Test
    void theSameRecordTwiceInOneNotificationIsOneEvent() {
        var mapping = mapper.apply(notification(record("s3:ObjectCreated:Put", "uploads", "a.png", "e1"),
                record("s3:ObjectCreated:CompleteMultipartUpload", "uploads", "a.png", "e1")));

        assertThat(mapping.events()).hasSize(1);
        assertThat(mapping.duplicates()).isEqualTo(1);
    }

    @Test
    void prefixAndSuffixFiltersSkipOtherKeys() {
        var filtering = new ObjectEventMapper(List.of("in/"), List.of(".png", ".jpg"));

        var mapping = filtering.apply(notification(record("s3:ObjectCreated:Put", "uploads", "in/a.png", "1"),
                record("s3:ObjectCreated:Put", "uploads", "in/a.txt", "2"),
                record("s3:ObjectCreated:Put", "uploads", "out/a.jpg", "3")));

        assertThat(mapping.events()).extracting(CloudEvent::getSubject).containsExactly("in/a.png");
        assertThat(mapping.filtered()).isEqualTo(2);
    }

    @Test
    void aRecordWithoutBucketKeyOrIdentityRefusesTheWholeNotification() {
        String good = record("s3:ObjectCreated:Put", "uploads", "a.png", "e1");
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.apply(notification(good,
                "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"b.png\",\"eTag\":\"x\"}}}")))
                .withMessageContaining("Records[1].s3.bucket.name");
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.apply(notification(
                "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"u\"},\"object\":{}}}")))
                .withMessageContaining("s3.object.key");
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.apply(notification(
                "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"u\"},\"object\":{\"key\":\"k\"}}}")))
                .withMessageContaining("eTag");
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.apply(notification(
                record("s3:ObjectCreated:Put", "uploads", "bad%zzkey", "e1"))))
                .withMessageContaining("URL-encoded");
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.apply(JSON.readTree("{\"Records\":[]}")))
                .withMessageContaining("no Records");
    }

    static String record(String eventName, String bucket, String encodedKey, String etag) {
        return MinioPayloads.record(eventName, bucket, encodedKey, etag);
    }

    static JsonNode notification(String... records) {
        return JSON.readTree(body(records));
    }

    static String body(String... records) {
        return MinioPayloads.body(records);
    }
}
