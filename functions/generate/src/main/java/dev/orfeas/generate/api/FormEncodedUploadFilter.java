package dev.orfeas.generate.api;

import dev.orfeas.generate.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Set;

/**
 * {@code curl --data-binary @cat.png} without {@code -H 'Content-Type: image/png'} sends the image as
 * {@code application/x-www-form-urlencoded}. Tomcat would parse that body as form fields as soon as a query parameter
 * is read (a 400 about bad parameters, the image gone), so uploads in that type are answered 415 here, first, with
 * the header to send.
 */
class FormEncodedUploadFilter extends OncePerRequestFilter {

    private static final Set<String> UPLOAD_PATHS = Set.of("/generate", "/jobs");

    private final JsonMapper json;

    FormEncodedUploadFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || !UPLOAD_PATHS.contains(request.getRequestURI())
                || type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(parse(type));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.UNSUPPORTED_TYPE.write(response, json, "the body was sent as application/x-www-form-urlencoded"
                + " (curl's default for --data-binary): send the image's own type, e.g. -H 'Content-Type: image/png',"
                + " or multipart/form-data", null);
    }

    private static MediaType parse(String type) {
        try {
            return MediaType.parseMediaType(type);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM; // not form encoding; the upload's own check answers it
        }
    }
}
