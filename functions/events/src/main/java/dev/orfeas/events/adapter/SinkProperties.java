package dev.orfeas.events.adapter;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the adapter's CloudEvents go.
 *
 * @param url         the sink; application.yaml binds it to {@code $K_SINK} (Knative SinkBinding contract)
 * @param generateUrl used when there is no sink (one machine): the generate function's CloudEvent endpoint
 * @param apiKey      sent as {@code Authorization: Bearer} to the generate URL only (never to a K_SINK broker)
 * @param timeout     per delivery
 * @param structured  structured mode ({@code application/cloudevents+json}) instead of binary mode
 * @param maxRetryWait how long one notification may wait out the sink's {@code Retry-After} (429/503) in all,
 *                    retrying in the request; past it the notification is answered 502 and MinIO redelivers
 * @param tokenFile   a file holding a bearer token for {@code K_SINK} (a projected service-account token with the
 *                    broker's audience, where Knative Eventing's OIDC sender identity is on); re-read when the
 *                    kubelet rotates it ({@link dev.orfeas.cloudevents.TokenFile}); never logged
 */
@ConfigurationProperties("orfeas.events.sink")
public record SinkProperties(
        URI url,
        @DefaultValue("http://127.0.0.1:8080/") URI generateUrl,
        String apiKey,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean structured,
        @DefaultValue("20s") Duration maxRetryWait,
        java.nio.file.Path tokenFile) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.notNull("generateUrl", generateUrl)
                .require("url", isHttp(), "url and generate-url must be http or https URLs")
                .positive("timeout", timeout).notNull("maxRetryWait", maxRetryWait);
    }

    /** {@code $K_SINK} when set, otherwise the generate function. */
    public URI target() {
        return hasSink() ? url : generateUrl;
    }

    public boolean hasSink() {
        return url != null && !url.toString().isBlank();
    }

    public boolean isHttp() {
        return (!hasSink() || http(url)) && (generateUrl == null || http(generateUrl));
    }

    private static boolean http(URI uri) {
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "SinkProperties[target=" + target() + (hasSink() ? " (K_SINK)" : " (generate, no K_SINK)")
                + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "" : "****") + ", timeout=" + timeout
                + ", structured=" + structured + ", maxRetryWait=" + maxRetryWait + ", tokenFile=" + tokenFile + "]";
    }
}
