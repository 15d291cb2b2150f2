package dev.orfeas.events.web;

import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.storage.StorageUnavailableException;
import dev.orfeas.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place exceptions become problem+json: 4xx logged at debug, 5xx at warn with the request id in the MDC.
 * Every answer sets {@code application/problem+json} itself, so a malformed {@code Accept} cannot empty it.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        if (e.problem().status().is5xxServerError()) {
            log.warn("{}: {}", e.problem().status().value(), e.getMessage());
        } else {
            log.debug("{}: {}", e.problem().status().value(), e.getMessage());
        }
        var response = ResponseEntity.status(e.problem().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (e.problem() == Problems.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        } else if (e.problem() == Problems.INVALID_TOKEN) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return response.body(e.problem().detail(e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e) {
        return problem(new ProblemException(Problems.UNSUPPORTED_TYPE, e.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(new ProblemException(Problems.METHOD_NOT_ALLOWED, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
        return problem(new ProblemException(Problems.NOT_FOUND, e.getMessage()));
    }

    /**
     * A missing or unconvertible parameter or header, an unreadable body, a media type that does not parse, a query
     * that is not UTF-8 (Tomcat's InvalidParameterException), a broken chunk (BadRequestException).
     */
    @ExceptionHandler({ServletRequestBindingException.class, MissingRequestValueException.class,
            MethodArgumentTypeMismatchException.class, HttpMessageNotReadableException.class,
            InvalidMediaTypeException.class, InvalidParameterException.class, BadRequestException.class})
    ResponseEntity<ProblemDetail> badRequest(Exception e) {
        return problem(new ProblemException(Problems.BAD_REQUEST, e instanceof InvalidMediaTypeException m
                ? "malformed media type: " + m.getMessage() : e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(new ProblemException(Problems.NOT_ACCEPTABLE, e.getMessage()));
    }

    /** A key with a '..' segment or a control character, refused before the store is asked. */
    @ExceptionHandler(InvalidObjectKeyException.class)
    ResponseEntity<ProblemDetail> badKey(InvalidObjectKeyException e) {
        return problem(new ProblemException(Problems.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storage(StorageUnavailableException e) {
        return problem(new ProblemException(Problems.STORAGE_UNAVAILABLE, e.getMessage(), 5L));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> internal(Exception e) {
        log.warn("request failed: {}", e.toString(), e);
        return ResponseEntity.status(Problems.INTERNAL.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.INTERNAL.detail("unexpected error; quote the request id when reporting it"));
    }
}
