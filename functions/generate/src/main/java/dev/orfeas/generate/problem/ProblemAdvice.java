package dev.orfeas.generate.problem;

import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.generate.engine.EngineNotReadyException;
import dev.orfeas.generate.generation.SaturatedException;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.InvalidOptionsException;
import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.storage.StorageUnavailableException;
import dev.orfeas.web.ProblemException;
import dev.orfeas.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Locale;

/**
 * The one place exceptions become RFC 9457 problem+json. Bad input → 4xx, logged at debug; overload and
 * unavailability → 429/503 with Retry-After. Every answer sets {@code application/problem+json} itself, so a
 * malformed {@code Accept} cannot turn it into an empty 400. An {@link IllegalArgumentException} that is not one of
 * these is a bug, not bad input (500); anything else → 500, logged at warn with the request id.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImageRejectedException e) {
        return client(Problems.forRejection(e), e.getMessage());
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        if (e.retryAfterSeconds() != null) {
            return retryLater(e.problem(), e.getMessage(), e.retryAfterSeconds());
        }
        return client(e.problem(), e.getMessage());
    }

    /** A format, quality, face budget, detail or foreground choice out of range (mesh-core's own check). */
    @ExceptionHandler(InvalidOptionsException.class)
    ResponseEntity<ProblemDetail> badOptions(InvalidOptionsException e) {
        return client(Problems.BAD_OPTIONS, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return client(Problems.BAD_OPTIONS, "'" + e.getName() + "' must be a "
                + (e.getRequiredType() == null ? "valid value" : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT)));
    }

    /**
     * A missing or unconvertible parameter or header, an unreadable body, a header that does not parse, a query
     * that is not UTF-8 ({@code page=%FF}, Tomcat's InvalidParameterException), a broken chunk (BadRequestException).
     */
    @ExceptionHandler({ServletRequestBindingException.class, MissingRequestValueException.class,
            HttpMessageNotReadableException.class, InvalidMediaTypeException.class,
            InvalidParameterException.class, BadRequestException.class})
    ResponseEntity<ProblemDetail> badRequest(Exception e) {
        return client(Problems.BAD_REQUEST, e instanceof InvalidMediaTypeException m
                ? "malformed media type: " + m.getMessage() : e.getMessage());
    }

    /** A key with a '..' segment or a control character, or a continuation token the store refused. */
    @ExceptionHandler(InvalidObjectKeyException.class)
    ResponseEntity<ProblemDetail> badKey(InvalidObjectKeyException e) {
        return client(Problems.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(EventRequests.TooLargeException.class)
    ResponseEntity<ProblemDetail> eventTooLarge(EventRequests.TooLargeException e) {
        return client(Problems.BODY_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return client(Problems.TOO_LARGE, "the upload exceeds the configured maximum size");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
        return client(Problems.BAD_REQUEST, "malformed multipart body: " + e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e) {
        return client(Problems.UNSUPPORTED_TYPE, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return client(Problems.NOT_ACCEPTABLE, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return client(Problems.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
        return client(Problems.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(SaturatedException.class)
    ResponseEntity<ProblemDetail> saturated(SaturatedException e) {
        return retryLater(Problems.SATURATED, e.getMessage(), 2);
    }

    @ExceptionHandler(EngineNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(EngineNotReadyException e) {
        return retryLater(Problems.NOT_READY, e.getMessage(), 5);
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storage(StorageUnavailableException e) {
        log.warn("object store unavailable: {}", e.getMessage());
        return retryLater(Problems.STORAGE_UNAVAILABLE, "the object store is unavailable; nothing was stored", 5);
    }

    /** The client went away (a dropped progress stream, a closed connection): normal, nothing left to answer. */
    @ExceptionHandler({AsyncRequestNotUsableException.class, ClientAbortException.class})
    void disconnected(Exception e) {
        log.debug("client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> internal(Exception e) {
        log.warn("request failed: {}", e.toString(), e);
        return ResponseEntity.status(Problems.INTERNAL.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.INTERNAL.detail("unexpected error; quote the request id when reporting it"));
    }

    /** Maps an exception to its problem without an HTTP exchange (SSE error events, CloudEvent replies). */
    public ProblemDetail toProblem(Throwable e) {
        ResponseEntity<ProblemDetail> entity = switch (e) {
            case ImageRejectedException r -> rejected(r);
            case ProblemException p -> problem(p);
            case InvalidOptionsException i -> badOptions(i);
            case InvalidObjectKeyException k -> badKey(k);
            case SaturatedException s -> saturated(s);
            case EngineNotReadyException n -> notReady(n);
            case StorageUnavailableException s -> storage(s);
            case Exception other -> internal(other);
            default -> internal(new RuntimeException(e));
        };
        return entity.getBody();
    }

    private static ResponseEntity<ProblemDetail> client(ProblemType problem, String detail) {
        log.debug("{}: {}", problem.status().value(), detail);
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.detail(detail));
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemType problem, String detail, long seconds) {
        return ResponseEntity.status(problem.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.detail(detail));
    }
}
