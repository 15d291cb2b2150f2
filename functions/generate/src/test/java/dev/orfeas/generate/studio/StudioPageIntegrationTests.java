package dev.orfeas.generate.studio;

import dev.orfeas.generate.SharedAppIntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The studio page and its bundles over real HTTP: no key needed, strict CSP, cache lifetimes that fit the names. */
class StudioPageIntegrationTests extends SharedAppIntegrationTest {

    private static final Pattern BUNDLE = Pattern.compile("(?:src|href)=\"(/static/[a-z]+-[A-Z0-9]{8}\\.(?:js|css))\"");

    @Test
    void getRootServesThePageWithoutAKeyUnderAStrictContentSecurityPolicyAndRevalidation() throws Exception {
        var page = get("/", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "img-src 'self' blob: data:", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).as("this server wants a key, and the page is told so")
                .contains("<meta name=\"orfeas-auth\" content=\"key\">");
        assertThat(html).contains("<title>ORFEAS studio").doesNotContain("<style", " style=", "http://", "https://");
        assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", ""))
                .as("no inline script").doesNotContain("<script");
        assertThat(get("/index.html", Map.of()).body()).isEqualTo(page.body());
    }

    @Test
    void theRevalidatedPageAnswers304ForItsOwnEtag() throws Exception {
        var page = get("/", Map.of());
        String etag = page.headers().firstValue("etag").orElseThrow();

        var again = get("/", Map.of("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void hashedBundlesAreServedWithoutAKeyAndCachedImmutablyForAYear() throws Exception {
        String html = new String(get("/", Map.of()).body(), StandardCharsets.UTF_8);
        Matcher bundles = BUNDLE.matcher(html);
        int found = 0;
        while (bundles.find()) {
            found++;
            var bundle = get(bundles.group(1), Map.of());
            assertThat(bundle.statusCode()).as(bundles.group(1)).isEqualTo(200);
            assertThat(bundle.headers().firstValue("cache-control").orElseThrow())
                    .contains("max-age=31536000", "immutable", "public");
            assertThat(bundle.headers().firstValue("content-type").orElseThrow())
                    .startsWith(bundles.group(1).endsWith(".js") ? "text/javascript" : "text/css");
            assertThat(bundle.body().length).isGreaterThan(1000);
        }
        assertThat(found).as("script and stylesheet named by hash").isEqualTo(2);
    }

    @Test
    void aBundleThatDoesNotExistIsANotFoundThatIsNotCachedForAYear() throws Exception {
        var missing = get("/static/studio-AAAAAAAA.js", Map.of());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("cache-control").orElse("")).doesNotContain("immutable");
    }

    @Test
    void theCloudEventEndpointStillTakesPostAtTheRoot() throws Exception {
        var notAnEvent = post("/", new byte[] {1}, Map.of("Content-Type", "application/octet-stream",
                "Authorization", "Bearer " + API_KEY));

        assertThat(notAnEvent.statusCode()).isEqualTo(400);
        assertThat(json(notAnEvent).get("type").asString()).endsWith("invalid-event");
    }
}
