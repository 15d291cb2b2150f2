package dev.orfeas.generate.api;

import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * The image of a POST: the raw body ({@code image/png}, {@code image/jpeg}, {@code image/webp},
 * {@code application/octet-stream}) or the {@code image} part (else the first file) of a multipart form, read as
 * bytes with a size cap.
 */
record ImageUpload(byte[] bytes, String contentType, String fileName) {

    private static final Set<String> RAW_TYPES = Set.of("image/png", "image/jpeg", "image/webp",
            "application/octet-stream");

    static ImageUpload read(HttpServletRequest request, String nameParam, long maxBytes) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("image");
            if (file == null) {
                file = multipart.getFileMap().values().stream().findFirst().orElseThrow(() ->
                        new ProblemException(Problems.BAD_REQUEST, "the form holds no file (send it as 'image')"));
            }
            if (file.getSize() > maxBytes) {
                throw tooLarge(maxBytes);
            }
            try (InputStream in = file.getInputStream()) {
                return new ImageUpload(readCapped(in, maxBytes), file.getContentType(),
                        nameParam != null ? nameParam : file.getOriginalFilename());
            }
        }
        String contentType = request.getContentType();
        String bare = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!RAW_TYPES.contains(bare)) {
            throw new ProblemException(Problems.UNSUPPORTED_TYPE, "Content-Type '" + contentType
                    + "' is not accepted: send image/png, image/jpeg, image/webp or multipart/form-data");
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = readCapped(request.getInputStream(), maxBytes);
        if (bytes.length == 0) {
            throw new ProblemException(Problems.UNDECODABLE, "the request body is empty");
        }
        return new ImageUpload(bytes, bare, nameParam != null ? nameParam : dispositionName(request));
    }

    private static String dispositionName(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (header == null) {
            return null;
        }
        try {
            return ContentDisposition.parse(header).getFilename();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Problems.TOO_LARGE, "the image exceeds " + maxBytes + " bytes");
    }
}
