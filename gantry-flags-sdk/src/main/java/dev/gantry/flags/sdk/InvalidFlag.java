package dev.gantry.flags.sdk;

/** A flag definition the evaluator cannot compile: the flag loads, and evaluates to off with this problem as reason. */
final class InvalidFlag extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidFlag(String problem) {
        super(problem, null, false, false);
    }
}
