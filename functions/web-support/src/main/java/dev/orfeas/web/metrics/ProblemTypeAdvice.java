package dev.orfeas.web.metrics;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.net.URI;

/**
 * Notes the problem type of every problem+json answer on the request, so {@link ProblemObservationConvention} can
 * tag {@code http.server.requests} with it ({@code urn:orfeas:problem:saturated} → {@code problem="saturated"}).
 */
@ControllerAdvice
public class ProblemTypeAdvice implements ResponseBodyAdvice<Object> {

    /** Request attribute holding the problem slug. */
    public static final String ATTRIBUTE = ProblemTypeAdvice.class.getName() + ".problem";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(ATTRIBUTE, slug(problem.getType()));
        }
        return body;
    }

    /** The last segment of a problem type URI: a small, fixed set of values. */
    static String slug(URI type) {
        if (type == null || "about:blank".equals(type.toString())) {
            return "other";
        }
        String text = type.toString();
        int cut = Math.max(text.lastIndexOf(':'), text.lastIndexOf('/'));
        String slug = text.substring(cut + 1);
        return slug.matches("[a-z0-9-]{1,40}") ? slug : "other";
    }
}
