package io.arscope.job;

/** A command line, configuration or mapping that cannot be used; exit code {@link ExitCode#USAGE}. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
