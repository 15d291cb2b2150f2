package dev.orfeas.generate.jobs;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;

/** The 202 of a submitted job, and RFC 7240's {@code Prefer: respond-async}. */
public final class JobResponses {

    private JobResponses() {
    }

    /** {@code Prefer: respond-async} (RFC 7240), alone or among other preferences, in any of the Prefer headers. */
    public static boolean prefersAsync(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Prefer"))) {
            for (String preference : header.split(",")) {
                String token = preference.split("[;=]", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (token.equals("respond-async")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 202, {@code Location: /jobs/{id}}, the job document; {@code Preference-Applied} when it was asked for. */
    public static ResponseEntity<JobDocument> accepted(JobDocument job, boolean preferenceApplied) {
        var response = ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(JobDocument.self(job.id())))
                .contentType(MediaType.APPLICATION_JSON);
        if (preferenceApplied) {
            response.header("Preference-Applied", "respond-async");
        }
        return response.body(job);
    }
}
