package dev.gantry.cli;

/** Exit codes, the same for every command. */
final class ExitCode {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int INVALID = 2;
    static final int NOTHING_TO_DO = 3;
    static final int NO_GO = 4;
    static final int ROLLED_BACK = 5;
    static final int ABORTED = 6;
    static final int WAITING = 7;
    static final int WARNINGS = 8;
    /** The run decided to roll back and the rollback did not succeed: users may still be on the new version. */
    static final int ROLLBACK_FAILED = 9;

    private ExitCode() {}
}
