package io.arscope.ingest;

/** Input that cannot be read at all: a missing folder or file, an empty file, a header lacking a column. */
public class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
