package io.arscope.job;

/** A command line, configuration or mapping that cannot be used; exit code {@link ExitCode#USAGE}. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }

    /** Why a file given on the command line could not be read, in words (Java's own message is often the path). */
    public static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
