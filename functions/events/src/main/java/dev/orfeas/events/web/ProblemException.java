package dev.orfeas.events.web;

/** Ends a request with a problem+json answer; {@code retryAfterSeconds} adds a Retry-After header. */
public class ProblemException extends RuntimeException {

    private final Problems problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problems problem, String detail) {
        this(problem, detail, null);
    }

    public ProblemException(Problems problem, String detail, Long retryAfterSeconds) {
        super(detail);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problems problem() {
        return problem;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
