package dev.orfeas.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * One entry of an app's problem catalogue (an enum per app, listed in its docs): status, stable type URI and fixed
 * title, held in a {@link Kind}. Both apps throw {@link ProblemException} with one and answer it through their
 * advice.
 */
public interface ProblemType {

    Kind kind();

    default HttpStatus status() {
        return kind().status();
    }

    default URI type() {
        return kind().type();
    }

    default String title() {
        return kind().title();
    }

    /** The last part of the type URI: {@code no-foreground} for {@code urn:orfeas:problem:no-foreground}. */
    default String slug() {
        String type = type().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /** The problem with this request's detail and request id. */
    default ProblemDetail detail(String detail) {
        return ProblemDetails.of(status(), type(), title(), detail);
    }

    /** Status, type {@code urn:orfeas:problem:<slug>} and title of a catalogue entry. */
    record Kind(HttpStatus status, URI type, String title) {

        public Kind(HttpStatus status, String slug, String title) {
            this(status, ProblemDetails.type(slug), title);
        }
    }
}
