package io.arscope.job;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exit codes of every arscope command, for schedulers to act on, and the one table that maps a failure to its
 * code. The README's exit-code table is checked against {@link #MEANINGS}; never reuse a number for another meaning.
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
    /**
     * An output broke one of its checks before it was published (ending AR not the sum of its aging buckets, a
     * required value empty, a share outside 0..1, counts that do not reconcile), or a value overflowed its type:
     * nothing was published. The data is beyond what Arscope supports or a job is wrong; retrying will not help.
     */
    public static final int OUTPUT_CHECK_FAILED = 6;
    /**
     * The run finished and published its outputs, but something in them deserves a look before they are used: the
     * risk model did not beat the baseline and the worklist ranks by the baseline instead, or roll rates above 1 show
     * re-aged items. The warnings are printed and recorded in the manifests.
     */
    public static final int PUBLISHED_WITH_WARNINGS = 7;
    /**
     * The export is stale: its latest dated row is further before the as-of date than the freshness limit allows.
     * Ingest wrote its outputs (to read them); {@code arscope run} stops there and publishes nothing.
     */
    public static final int STALE_INPUT = 8;

    /** Each code with the words the README's table gives it. */
    public static final Map<Integer, String> MEANINGS = Map.of(
            OK, "success",
            FAILURE, "unexpected failure",
            USAGE, "usage or configuration error",
            INPUT, "input missing or unreadable",
            TOO_MANY_REJECTS, "too many rejects",
            LOCKED, "locked",
            OUTPUT_CHECK_FAILED, "output check failed",
            PUBLISHED_WITH_WARNINGS, "published with warnings",
            STALE_INPUT, "stale input");

    /**
     * Failure types in the order they are tried: the first a failure is an instance of gives its code. Anything
     * else is {@link #FAILURE}. Picocli's own usage errors are mapped to {@link #USAGE} by the command line. A failed
     * output check counts wherever it is among a failure's causes (Spark wraps what fails in a task).
     */
    private static final List<Map.Entry<Class<? extends Throwable>, Integer>> BY_FAILURE = List.of(
            Map.entry(OutputCheckException.class, OUTPUT_CHECK_FAILED),
            Map.entry(LockedException.class, LOCKED),
            Map.entry(UsageException.class, USAGE),
            Map.entry(IllegalArgumentException.class, USAGE),
            Map.entry(InputException.class, INPUT),
            Map.entry(NoSuchFileException.class, INPUT),
            Map.entry(FileNotFoundException.class, INPUT));

    private ExitCode() {
    }

    /**
     * The line a command prints when it ends with {@code failure}: its own message for a failure the user can act
     * on, the type and the first lines of the message for an unexpected one (Spark's analysis errors carry the whole
     * query plan; the first lines say what went wrong).
     */
    public static String message(String command, Throwable failure) {
        Optional<String> damaged = damaged(failure);
        if (damaged.isPresent()) {
            return "arscope " + command + ": " + DamagedFile.message(damaged.get());
        }
        Throwable cause = cause(failure);
        if (of(cause) != FAILURE) {
            return "arscope " + command + ": " + cause.getMessage();
        }
        String first = String.valueOf(failure.getMessage()).lines().limit(3).reduce((a, b) -> a + "\n" + b)
                .orElse("");
        return "arscope " + command + ": unexpected failure: " + failure.getClass().getSimpleName() + ": " + first;
    }

    /** The exit code of a command that ended with {@code failure}. */
    public static int of(Throwable failure) {
        if (damaged(failure).isPresent()) {
            return INPUT;
        }
        Throwable cause = cause(failure);
        for (Map.Entry<Class<? extends Throwable>, Integer> e : BY_FAILURE) {
            if (e.getKey().isInstance(cause)) {
                return e.getValue();
            }
        }
        return FAILURE;
    }

    /** A damaged input file, unless the failure is an output check's, which decides first. */
    private static Optional<String> damaged(Throwable failure) {
        return OutputCheckException.within(failure).isPresent() ? Optional.empty() : DamagedFile.within(failure);
    }

    /** The failure that decides the code: the output check within it, if any, else the failure itself. */
    private static Throwable cause(Throwable failure) {
        return OutputCheckException.within(failure).<Throwable>map(c -> c).orElse(failure);
    }
}
