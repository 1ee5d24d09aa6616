package io.arscope.cli;

/**
 * The exit codes of every arscope command, for schedulers to act on. Documented in the README; never reuse a
 * number for another meaning.
 */
public final class ExitCode {
    /** The run finished and its outputs are complete. */
    public static final int OK = 0;
    /** An unexpected failure; the message and log say what happened. Retrying may help if it was transient. */
    public static final int FAILURE = 1;
    /** Wrong command line, configuration or mapping file. Fix the invocation; retrying will not help. */
    public static final int USAGE = 2;
    /** Input missing or unreadable as a whole (no such folder or file, empty file, columns missing). */
    public static final int INPUT = 3;
    /** The run finished and wrote its outputs, but rejected more rows than allowed: read the rejects. */
    public static final int TOO_MANY_REJECTS = 4;
    /** Another run is writing the same date (arscope run): nothing was done; run again once it has finished. */
    public static final int LOCKED = 5;

    private ExitCode() {
    }
}
