package io.arscope.job;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure reading an input file that is damaged: a Parquet file cut short (a copy interrupted, a full disk),
 * another file in its place, or one whose checksum no longer matches. Spark reports it from deep in a task, as an
 * unexpected failure (exit 1) with a stack trace; it is an input the user can replace, so it ends the command with
 * exit 3 ({@link ExitCode#INPUT}) and a line naming the file. Told by the words Spark and Parquet use, since a
 * cluster passes the task's failure back as text, without its cause.
 */
public final class DamagedFile {

    private static final Pattern SAID = Pattern.compile(
            "(\\S+ is not a Parquet file[^\\n]*)"
                    + "|Checksum error: (\\S+)"
                    + "|\\[CANNOT_READ_FILE_FOOTER\\] ([^\\n]*)"
                    + "|Could not read footer for file: ([^\\n]*)"
                    + "|ParquetDecodingException: ([^\\n]*)");

    private DamagedFile() {
    }

    /** What the failure says of the damaged file, in one line naming it; empty when it is no such failure. */
    public static Optional<String> within(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = SAID.matcher(t.getClass().getName() + ": " + t.getMessage());
            if (m.find()) {
                if (m.group(1) != null) {
                    return Optional.of(m.group(1).strip());
                }
                if (m.group(2) != null) {
                    return Optional.of(m.group(2) + " does not match its checksum (.crc file)");
                }
                String said = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
                return Optional.of(said.strip());
            }
        }
        return Optional.empty();
    }

    /** The line a command prints for it: what is wrong, and what to do. */
    static String message(String said) {
        return "an input file is damaged: " + said + "; write it again (run the job that made it, or copy it "
                + "again) and rerun";
    }
}
