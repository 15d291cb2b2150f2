package dev.orfeas.events.web;

import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code X-Orfeas-Token} on {@code POST /} and {@code POST /backup} when
 * {@code orfeas.events.internal-auth.token} is set, before the body is read: a 401 {@code unauthorized} problem
 * otherwise (a broker does not retry it). Its own header, not {@code Authorization}: with Knative's OIDC sender
 * identity on, that header carries the broker's token.
 */
public class InternalToken implements HandlerInterceptor {

    public static final String HEADER = "X-Orfeas-Token";

    private final InternalAuthProperties properties;

    public InternalToken(InternalAuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!properties.required() || !"POST".equals(request.getMethod())) {
            return true;
        }
        String given = request.getHeader(HEADER);
        if (given == null) {
            throw new ProblemException(Problems.UNAUTHORIZED, "send the internal token as '" + HEADER + ": …' "
                    + "(orfeas.events.internal-auth.token)");
        }
        if (!MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8),
                properties.token().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problems.UNAUTHORIZED, "the " + HEADER + " header is not the internal token");
        }
        return true;
    }
}
