package dev.orfeas.generate.api;

import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import dev.orfeas.mesh.MeshFormat;
import org.springframework.http.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the caller's {@code Accept} asks for: the model bytes, JSON, or a progress stream. */
enum AcceptMode {
    BYTES, JSON, EVENTS;

    /** The mesh format an {@code Accept} header names (e.g. {@code model/stl}), if any. */
    static Optional<MeshFormat> formatFrom(String accept) {
        for (MediaType type : parse(accept)) {
            for (MeshFormat format : MeshFormat.values()) {
                if (type.getType().equals("model") || type.toString().startsWith("application/x-ply")) {
                    if (MediaType.parseMediaType(format.mediaType()).equalsTypeAndSubtype(type)) {
                        return Optional.of(format);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @throws ProblemException (406) when nothing acceptable is offered */
    static AcceptMode choose(String accept, MeshFormat format) {
        MediaType model = MediaType.parseMediaType(format.mediaType());
        for (MediaType type : parse(accept)) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.equalsTypeAndSubtype(MediaType.TEXT_EVENT_STREAM)) {
                return EVENTS;
            }
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return JSON;
            }
            if (type.includes(model) || type.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM)) {
                return BYTES;
            }
        }
        throw new ProblemException(Problems.NOT_ACCEPTABLE, "Accept '" + accept + "' matches nothing offered: "
                + format.mediaType() + ", application/json or text/event-stream");
    }

    private static List<MediaType> parse(String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of(MediaType.ALL);
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList();
        } catch (RuntimeException e) {
            throw new ProblemException(Problems.BAD_REQUEST, "malformed Accept header");
        }
    }
}
