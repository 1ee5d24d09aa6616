package io.arscope.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.arscope.run.Secrets;

/**
 * A log file of {@code arscope run}: one line per event, each with its time (UTC, to the millisecond), its level and
 * its source, {@code 2026-10-31T06:00:12.345Z INFO  metrics: ...}, written redacted. The run's log ({@value #RUN_LOG})
 * gets every line of every step and the run's own; each step's log in {@code logs/} gets its own lines again, so
 * either can be read alone. A resumed run appends to the log of the run it resumes. What Spark and the libraries log
 * during the run is in the run's log too ({@link LibraryLogLines}).
 */
final class RunLog implements Closeable {
    static final String RUN_LOG = "run.log";

    /** How serious a line is, as log4j names it. */
    enum Level {
        DEBUG, INFO, WARN, ERROR
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<PrintWriter> files;

    private RunLog(List<PrintWriter> files) {
        this.files = files;
    }

    /** Appends to {@code file}, creating it if need be. */
    static RunLog appending(Path file) throws IOException {
        return new RunLog(List.of(open(file)));
    }

    /** Appends to the run's log and to a step's log together. */
    static RunLog step(Path runLog, Path stepLog) throws IOException {
        PrintWriter run = open(runLog);
        try {
            return new RunLog(List.of(run, open(stepLog)));
        } catch (IOException e) {
            run.close();
            throw e;
        }
    }

    private static PrintWriter open(Path file) throws IOException {
        return Secrets.ambient().redacting(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /**
     * One line of {@code source} at {@code level}; a text of several lines is continued under it, indented. Spark's
     * threads log too ({@link LibraryLogLines}), so lines are written one at a time.
     */
    synchronized void log(Level level, String source, String text) {
        String stamp = STAMP.format(Instant.now());
        String line = String.format("%s %-5s %s: %s", stamp, level, source, text.replace("\n", "\n    "));
        for (PrintWriter f : files) {
            f.println(line);
            f.flush();
        }
    }

    void info(String source, String text) {
        log(Level.INFO, source, text);
    }

    @Override
    public void close() {
        files.forEach(PrintWriter::close);
    }
}
