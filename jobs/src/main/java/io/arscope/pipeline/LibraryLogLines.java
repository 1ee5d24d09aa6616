package io.arscope.pipeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * What Spark and the libraries log through log4j while a run runs ({@code WARN SparkContext: ...}, the progress
 * lines), written to the run's log as well as to the console: a log4j appender on the root logger, added when the
 * run starts and removed when it ends. A line passes the same levels as on the console (log4j2.properties) and is
 * written by {@link RunLog}, with its time and level, its logger's short name as its source, and redacted. Lines
 * logged before the run starts (Spark's own start) are on the console only; so are the lines of another run in the
 * same JVM at the same time, which this appender would take as its own.
 */
final class LibraryLogLines extends AbstractAppender implements AutoCloseable {
    private final RunLog log;
    private final LoggerContext context;

    private LibraryLogLines(RunLog log, LoggerContext context) {
        super("arscope-run-log-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY);
        this.log = log;
        this.context = context;
    }

    /** Starts copying log4j's lines into {@code log} until closed. */
    static LibraryLogLines into(RunLog log) {
        LoggerContext context = LoggerContext.getContext(false);
        LibraryLogLines lines = new LibraryLogLines(log, context);
        lines.start();
        Configuration config = context.getConfiguration();
        config.addAppender(lines);
        // Loggers configured with additivity off would bypass the root; log4j2.properties has none.
        config.getRootLogger().addAppender(lines, null, null);
        context.updateLoggers();
        return lines;
    }

    @Override
    public void append(LogEvent event) {
        String text = event.getMessage().getFormattedMessage();
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text = text + "\n" + trace.toString().stripTrailing();
        }
        log.log(level(event.getLevel()), shortName(event.getLoggerName()), text);
    }

    /** The run log's level of a log4j level: FATAL is an ERROR, DEBUG and TRACE (off by default) are DEBUG. */
    private static RunLog.Level level(Level level) {
        if (level.isMoreSpecificThan(Level.ERROR)) {
            return RunLog.Level.ERROR;
        }
        if (level.isMoreSpecificThan(Level.WARN)) {
            return RunLog.Level.WARN;
        }
        return level.isMoreSpecificThan(Level.INFO) ? RunLog.Level.INFO : RunLog.Level.DEBUG;
    }

    /** The logger's class name without its package, as the console shows it ({@code %c{1}}). */
    private static String shortName(String logger) {
        return logger == null || logger.isEmpty() ? "log4j" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getAppenders().remove(getName());
        context.updateLoggers();
        stop();
    }
}
