package dev.orfeas.cloudevents;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRequestsTests {

    private static MockHttpServletRequest binary(byte[] body) {
        var request = new MockHttpServletRequest("POST", "/");
        request.addHeader("ce-specversion", "1.0");
        request.addHeader("ce-id", "1");
        request.addHeader("ce-source", "/test");
        request.addHeader("ce-type", EventTypes.OBJECT_CREATED);
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    @Test
    void readsAnEventUpToTheCap() throws Exception {
        var request = binary("{\"bucket\":\"b\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        var headers = EventRequests.headers(request);
        assertThat(EventRequests.isCloudEvent(request)).isTrue();
        assertThat(EventRequests.isBinary(headers)).isTrue();
        assertThat(EventRequests.read(request, headers, 64).getType()).isEqualTo(EventTypes.OBJECT_CREATED);
    }

    @Test
    void refusesABodyOverTheCapWhetherOrNotItsLengthIsDeclared() {
        var declared = binary(new byte[65]);
        assertThatThrownBy(() -> EventRequests.read(declared, EventRequests.headers(declared), 64))
                .isInstanceOf(EventRequests.TooLargeException.class).hasMessageContaining("at most 64 bytes");
        var chunked = new MockHttpServletRequest("POST", "/") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[65]);
        assertThatThrownBy(() -> EventRequests.body(chunked, 64)).isInstanceOf(EventRequests.TooLargeException.class);
    }

    @Test
    void aPlainImagePostIsNoCloudEvent() {
        var request = new MockHttpServletRequest("POST", "/generate");
        request.setContentType("image/png");
        assertThat(EventRequests.isCloudEvent(request)).isFalse();
    }

    @Test
    void theReplyCarriesOnlyTheReplyEventsHeaders() {
        var event = io.cloudevents.core.builder.CloudEventBuilder.v1().withId("r").withSource(java.net.URI.create("/x"))
                .withType(EventTypes.MESH_FAILED).withData(EventData.JSON, new byte[] {0x7b, 0x7d}).build();
        var reply = EventRequests.reply(event, false);
        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        assertThat(reply.getHeaders().getFirst("ce-id")).isEqualTo("r");
        assertThat(reply.getHeaders().getFirst("ce-type")).isEqualTo(EventTypes.MESH_FAILED);
    }
}
