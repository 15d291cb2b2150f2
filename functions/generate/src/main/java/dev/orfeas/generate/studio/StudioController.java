package dev.orfeas.generate.studio;

import dev.orfeas.generate.problem.Problems;
import dev.orfeas.generate.security.SecurityProperties;
import dev.orfeas.web.ProblemException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The web studio page at {@code GET /} (the functions/studio jar's {@code META-INF/resources/index.html}). Mapped
 * explicitly because {@code POST /} is the CloudEvent endpoint, which would otherwise answer {@code GET /} with 405;
 * the hashed bundles under {@code /static/} are Boot's ordinary static resources. Headers: {@link StudioHeaders}.
 */
@RestController
class StudioController {

    static final String PAGE = "META-INF/resources/index.html";
    /** Where the page's {@code <meta name="orfeas-auth">} says whether this server wants a key (key | open). */
    static final String AUTH_PLACEHOLDER = "%ORFEAS_AUTH%";

    private final byte[] page;
    private final String etag;

    /**
     * The page learns from the server whether an API key is needed, so without one it asks the user for it
     * instead of sending requests it knows will be refused (each a 401 in the browser's console).
     */
    StudioController(SecurityProperties security) {
        byte[] packaged = read();
        this.page = packaged == null ? null : new String(packaged, StandardCharsets.UTF_8)
                .replace(AUTH_PLACEHOLDER, security.open() ? "open" : "key").getBytes(StandardCharsets.UTF_8);
        this.etag = page == null ? null : "\"" + DigestUtils.md5DigestAsHex(page) + "\"";
    }

    @GetMapping({"/", "/index.html"})
    ResponseEntity<byte[]> page(WebRequest request) {
        if (page == null) {
            throw new ProblemException(Problems.NOT_FOUND, "the studio page is not packaged in this build");
        }
        if (request.checkNotModified(etag)) {
            return null; // 304, headers set by checkNotModified
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).eTag(etag).body(page);
    }

    /** The page's bytes, or null when the studio jar is not on the class path (an app built without it). */
    private static byte[] read() {
        var resource = new ClassPathResource(PAGE);
        if (!resource.exists()) {
            return null;
        }
        try (var in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }
}
