package dev.orfeas.web;

/** Ends a request with a problem+json answer; {@code retryAfterSeconds} adds a Retry-After header. */
public class ProblemException extends RuntimeException {

    private final ProblemType problem;
    private final Long retryAfterSeconds;

    public ProblemException(ProblemType problem, String detail) {
        this(problem, detail, null);
    }

    public ProblemException(ProblemType problem, String detail, Long retryAfterSeconds) {
        super(detail);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemType problem() {
        return problem;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
