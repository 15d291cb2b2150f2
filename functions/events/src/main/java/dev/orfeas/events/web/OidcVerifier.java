package dev.orfeas.events.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.orfeas.web.ProblemException;

import java.text.ParseException;
import java.time.Clock;
import java.util.Set;

/**
 * Checks an OIDC access token with Nimbus JOSE+JWT: a JWS signed with RS256 or ES256 by a key of the issuer's JWKS
 * (unsigned {@code alg: none}, HMAC and encrypted tokens are refused, whatever key they name), {@code iss} exactly the
 * issuer, {@code aud} naming our audience, {@code exp} in the future and {@code nbf} in the past within the clock
 * skew, and {@code sub} one of the allowed senders. A token that fails any check is a 401 {@code invalid-token}; keys
 * that cannot be fetched are a 503 {@code token-keys-unavailable} with {@code Retry-After}.
 */
final class OidcVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> allowedSubjects;

    OidcVerifier(OidcProperties properties, JwksCache keys) {
        this.allowedSubjects = Set.copyOf(properties.allowedSubjects());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(Set.of(properties.audience()),
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(), Set.of("sub", "exp"), Set.of());
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    static OidcVerifier of(OidcProperties properties) {
        var client = new JwksClient(properties.jwksUri(), properties.jwksTimeout(), properties.jwksCaFile(),
                properties.jwksTokenFile());
        return new OidcVerifier(properties, new JwksCache(client::fetch, properties.jwksCacheTtl(),
                properties.jwksMinRefetch(), Clock.systemUTC()));
    }

    /** The token's subject when every check passes. */
    String verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (JwksUnavailableException e) {
            throw new ProblemException(Problems.KEYS_UNAVAILABLE, e.getMessage(), JwksCache.RETRY_WITHOUT_KEYS
                    .toSeconds());
        } catch (ParseException e) {
            throw new ProblemException(Problems.INVALID_TOKEN, "the bearer token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new ProblemException(Problems.INVALID_TOKEN, "the bearer token was refused: " + e.getMessage());
        }
        String subject = claims.getSubject();
        if (!allowedSubjects.contains(subject)) {
            throw new ProblemException(Problems.INVALID_TOKEN, "the token's subject " + subject
                    + " is not an allowed sender (orfeas.events.oidc.allowed-subjects)");
        }
        return subject;
    }
}
