package dev.orfeas.generate.http;

/** A request the HTTP layer refuses before the engine sees it, with the problem to answer. */
public class BadRequestException extends RuntimeException {

    private final Problems problem;

    public BadRequestException(Problems problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problems problem() {
        return problem;
    }
}
