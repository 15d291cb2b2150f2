package dev.orfeas.events.web;

import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code POST /} and {@code POST /backup} before the body is read, with what is configured:
 * <ul>
 * <li>the shared token ({@code orfeas.events.internal-auth.token}) in {@code X-Orfeas-Token}, compared in constant
 * time — for callers that can set a header (one machine, compose, a script);</li>
 * <li>an OIDC token ({@code orfeas.events.oidc.*}) in {@code Authorization: Bearer}, checked by
 * {@link OidcVerifier} — what Knative Eventing's sender identity puts on Trigger deliveries.</li>
 * </ul>
 * With both configured a request needs one of them: a present {@code X-Orfeas-Token} is judged as the shared token,
 * otherwise the bearer token as OIDC. Missing or wrong: 401 ({@code unauthorized} / {@code invalid-token}), which a
 * broker does not retry. With neither configured the endpoints are open (the NetworkPolicy is the guard).
 */
public class InternalAuth implements HandlerInterceptor {

    public static final String HEADER = "X-Orfeas-Token";

    private final InternalAuthProperties shared;
    private final OidcVerifier oidc;

    /** @param oidc the verifier, or null when OIDC is off */
    InternalAuth(InternalAuthProperties shared, OidcVerifier oidc) {
        this.shared = shared;
        this.oidc = oidc;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ((!shared.required() && oidc == null) || !"POST".equals(request.getMethod())) {
            return true;
        }
        String given = request.getHeader(HEADER);
        if (shared.required() && (given != null || oidc == null)) {
            requireSharedToken(given);
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(Problems.UNAUTHORIZED, "send an OIDC token as 'Authorization: Bearer …'"
                    + (shared.required() ? " or the internal token as '" + HEADER + ": …'" : ""));
        }
        oidc.verify(authorization.substring(7).strip());
        return true;
    }

    private void requireSharedToken(String given) {
        if (given == null) {
            throw new ProblemException(Problems.UNAUTHORIZED, "send the internal token as '" + HEADER + ": …' "
                    + "(orfeas.events.internal-auth.token)");
        }
        if (!MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8),
                shared.token().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problems.UNAUTHORIZED, "the " + HEADER + " header is not the internal token");
        }
    }
}
