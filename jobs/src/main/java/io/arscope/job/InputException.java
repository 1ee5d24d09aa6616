package io.arscope.job;

/**
 * Input that cannot be read at all: a missing folder or file, an empty file, a header lacking a column, or a folder
 * that holds no earlier job's output. Exit code {@link ExitCode#INPUT}.
 */
public class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
