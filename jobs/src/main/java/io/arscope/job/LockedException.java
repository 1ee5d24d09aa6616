package io.arscope.job;

/** Another run holds the output this run would write; exit code {@link ExitCode#LOCKED}. */
public class LockedException extends Exception {
    public LockedException(String message) {
        super(message);
    }
}
