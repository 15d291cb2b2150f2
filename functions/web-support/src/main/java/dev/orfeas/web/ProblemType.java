package dev.orfeas.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * One entry of an app's problem catalogue (an enum per app, listed in its docs): status, stable type URI and fixed
 * title. Both apps throw {@link ProblemException} with one and answer it through their advice.
 */
public interface ProblemType {

    HttpStatus status();

    URI type();

    String title();

    /** The problem with this request's detail and request id. */
    default ProblemDetail detail(String detail) {
        return ProblemDetails.of(status(), type(), title(), detail);
    }
}
