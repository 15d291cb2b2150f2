package dev.orfeas.web;

import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * RFC 9457 problem details as every ORFEAS app answers them: a stable type {@code urn:orfeas:problem:<slug>}, a
 * fixed title per type, the specific detail, and the request id (from the MDC) so a report can be matched to logs.
 */
public final class ProblemDetails {

    private ProblemDetails() {
    }

    public static URI type(String slug) {
        return URI.create("urn:orfeas:problem:" + slug);
    }

    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }
}
