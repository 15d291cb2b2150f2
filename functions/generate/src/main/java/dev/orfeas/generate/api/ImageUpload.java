package dev.orfeas.generate.api;

import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The image of a POST: the raw body ({@code image/png}, {@code image/jpeg}, {@code image/webp},
 * {@code application/octet-stream}) or the {@code image} part (else the first file) of a multipart form, read as
 * bytes with a size cap and a deadline: a body that has not arrived whole in time is a 408 (issue 12, item 3), so
 * a client trickling its upload holds a connection, never a generation slot (read before one is taken).
 */
public record ImageUpload(byte[] bytes, String contentType, String fileName) {

    private static final Set<String> RAW_TYPES = Set.of("image/png", "image/jpeg", "image/webp",
            "application/octet-stream");

    public static ImageUpload read(HttpServletRequest request, String nameParam, long maxBytes, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
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
                return new ImageUpload(readCapped(in, maxBytes, deadline, timeout), file.getContentType(),
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
        byte[] bytes = readCapped(request.getInputStream(), maxBytes, deadline, timeout);
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

    /** At most maxBytes, all of it before the deadline; a read that stalls ends at Tomcat's connection timeout. */
    private static byte[] readCapped(InputStream in, long maxBytes, long deadline, Duration timeout)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw tooSlow(timeout);
                }
            }
        } catch (IOException e) {
            if (timedOut(e)) {
                throw tooSlow(timeout);
            }
            throw e;
        }
        return out.toByteArray();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException tooSlow(Duration timeout) {
        return new ProblemException(Problems.REQUEST_TIMEOUT, "the request body did not arrive within "
                + timeout.toSeconds() + " s");
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Problems.TOO_LARGE, "the image exceeds " + maxBytes + " bytes");
    }
}
