package io.arscope.run;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What a long step shows while it runs, so that six minutes of ingest are not six silent minutes: the line of its
 * {@link ProgressState} (step, stage, rows, tasks, elapsed, estimate), fed by a Spark listener for as long as the
 * step is {@linkplain #track tracked}. On a terminal the line is rewritten in place on stderr a few times a second
 * and cleared when the step ends; otherwise (cron, Airflow) it is logged at INFO once a minute, so that the log shows
 * the job is alive. Nothing goes to stdout, which carries the summary lines that tools parse.
 */
public final class Progress {
    private static final Logger LOG = LogManager.getLogger(Progress.class);

    /** Where progress goes: {@link #AUTO} is the terminal when there is one, else the log. */
    public enum Mode {
        AUTO, OFF, TERMINAL, LOG;

        /**
         * A mode as written on the command line or in a config file, in any case. {@code false} is off: YAML reads
         * {@code progress: off} as the boolean.
         */
        public static Mode parse(String text) {
            if (text.trim().equals("false")) {
                return OFF;
            }
            return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(text.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is no progress mode; the modes "
                            + "are auto, off, terminal, log"));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How often a line is logged when the output is no terminal. */
    static final long LOG_INTERVAL_MILLIS = 60_000;
    /** How often the terminal line is rewritten: often enough to look live, rarely enough to cost nothing. */
    static final long TERMINAL_INTERVAL_MILLIS = 250;
    private static final int DEFAULT_WIDTH = 120;

    private final Mode mode;
    private final PrintWriter terminal;
    private final Consumer<String> log;
    private final long logInterval;
    private final LongSupplier clock;

    Progress(Mode mode, PrintWriter terminal, Consumer<String> log, long logInterval, LongSupplier clock) {
        if (mode == Mode.AUTO) {
            throw new IllegalArgumentException("resolve AUTO before");
        }
        this.mode = mode;
        this.terminal = terminal;
        this.log = log;
        this.logInterval = logInterval;
        this.clock = clock;
    }

    /**
     * Progress in a mode, the terminal one written to {@code stderr}.
     *
     * @param mode {@link Mode#AUTO} is {@link Mode#TERMINAL} when the process has a console, else {@link Mode#LOG}
     */
    public static Progress of(Mode mode, PrintWriter stderr) {
        Mode resolved = mode != Mode.AUTO ? mode : System.console() != null ? Mode.TERMINAL : Mode.LOG;
        return new Progress(resolved, stderr, LOG::info, LOG_INTERVAL_MILLIS, () -> System.nanoTime() / 1_000_000);
    }

    /**
     * Names the phase the step is in (ingest's "reading the export"), shown after the step's name for the Spark jobs
     * the calling thread starts from now on; it is also their description in Spark's UI. Null ends the phase.
     */
    public static void phase(SparkContext spark, String label) {
        spark.setJobDescription(label);
    }

    /**
     * Starts showing the progress of a step that runs Spark jobs on this thread; closing the tracking removes the
     * listener, stops the updates and clears the terminal line.
     */
    public Tracking track(SparkSession spark, String step) {
        if (mode == Mode.OFF) {
            return new Tracking(null, null);
        }
        Tracking tracking = new Tracking(spark.sparkContext(), new ProgressState(step, clock.getAsLong()));
        tracking.start(step);
        return tracking;
    }

    /** A tracking with no Spark and no timer: the events and ticks are the caller's (tests). */
    Tracking start(String step) {
        return new Tracking(null, new ProgressState(step, clock.getAsLong()));
    }

    /** The progress of one step, shown until closed. */
    public final class Tracking implements AutoCloseable {
        private final SparkContext spark;
        private final ProgressState state;
        private ProgressListener listener;
        private ScheduledExecutorService ticker;
        private long nextLog;
        private int width;
        private int drawn;
        private boolean closed;

        private Tracking(SparkContext spark, ProgressState state) {
            this.spark = spark;
            this.state = state;
            this.nextLog = clock.getAsLong() + logInterval;
            this.width = DEFAULT_WIDTH;
        }

        private void start(String step) {
            if (mode == Mode.TERMINAL) {
                width = terminalWidth();
            }
            // A phase left by a step that failed untracked is not this step's.
            spark.setJobDescription(null);
            listener = new ProgressListener(state, clock);
            spark.addSparkListener(listener);
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "arscope-progress-" + step);
                t.setDaemon(true);
                return t;
            });
            long period = mode == Mode.TERMINAL ? TERMINAL_INTERVAL_MILLIS : Math.max(50, Math.min(logInterval, 1000));
            ticker.scheduleAtFixedRate(() -> tick(clock.getAsLong()), period, period, TimeUnit.MILLISECONDS);
        }

        /** What Spark has reported so far. */
        ProgressState state() {
            return state;
        }

        /** Shows the line if it is due: on a terminal every tick, in the log once an interval has passed. */
        synchronized void tick(long now) {
            if (closed || state == null) {
                return;
            }
            // Redacted here too: a job description may hold a URL, and the writer or log layout may not redact.
            String line = Secrets.ambient().redact(state.line(now));
            if (mode == Mode.TERMINAL) {
                draw(line);
            } else if (now >= nextLog) {
                log.accept(line);
                while (nextLog <= now) {
                    nextLog += Math.max(1, logInterval);
                }
            }
        }

        private void draw(String line) {
            String shown = line.length() < width ? line : line.substring(0, Math.max(0, width - 2)) + "…";
            // Spaces over what is left of a longer line before: a carriage return only moves the cursor.
            terminal.print("\r" + shown + " ".repeat(Math.max(0, drawn - shown.length())));
            terminal.flush();
            drawn = shown.length();
        }

        @Override
        public void close() {
            if (ticker != null) {
                ticker.shutdownNow();
                try {
                    ticker.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (listener != null) {
                spark.removeSparkListener(listener);
                spark.setJobDescription(null);
            }
            synchronized (this) {
                closed = true;
                if (drawn > 0) {
                    terminal.print("\r" + " ".repeat(drawn) + "\r");
                    terminal.flush();
                    drawn = 0;
                }
            }
        }
    }

    /** The terminal's columns: $COLUMNS when exported, else what stty says of the controlling terminal. */
    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}") && Integer.parseInt(columns) > 0) {
            return Integer.parseInt(columns);
        }
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return DEFAULT_WIDTH;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroy();
                return DEFAULT_WIDTH;
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            return size.length == 2 && size[1].matches("\\d{1,4}") && Integer.parseInt(size[1]) > 0
                    ? Integer.parseInt(size[1]) : DEFAULT_WIDTH;
        } catch (IOException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
