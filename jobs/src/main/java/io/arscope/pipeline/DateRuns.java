package io.arscope.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folders of one as-of date under the output root. Each run of the date writes a folder of its own under
 * {@code <root>/.runs/<date>/}; readers use {@code <root>/<date>}, a symbolic link to the latest complete run,
 * which publication swaps in one rename. A reader therefore sees the previous complete run or the new one, never
 * a run being written, and a run killed at any point leaves the published one as it was.
 */
public final class DateRuns {
    public static final String RUNS = ".runs";
    /** Written into a step's folder when the step has finished: a folder without it is incomplete. */
    public static final String STEP_DONE = "_step.json";

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final String date;

    public DateRuns(Path root, LocalDate date) {
        this.root = root.toAbsolutePath().normalize();
        this.date = date.toString();
    }

    /** Where readers find the date's outputs. */
    public Path published() {
        return root.resolve(date);
    }

    public Path runsFolder() {
        return root.resolve(RUNS).resolve(date);
    }

    public Path lockFile() {
        return runsFolder().resolve("lock");
    }

    /**
     * The run the date's link points at, if any.
     *
     * @throws IllegalStateException when {@code <root>/<date>} is a real folder: not made by arscope run, and not
     *                               to be replaced without asking
     */
    public Optional<Path> publishedRun() {
        Path link = published();
        if (Files.isSymbolicLink(link)) {
            try {
                // Resolved against the root, not with toRealPath, so that it compares equal to runs()'s paths.
                Path run = root.resolve(Files.readSymbolicLink(link)).normalize();
                return Files.isDirectory(run) ? Optional.of(run) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.exists(link)) {
            throw new IllegalStateException(link + " is a folder, not the link arscope run publishes a date as; move "
                    + "it away (or use another --root) so the run does not replace what it holds");
        }
        return Optional.empty();
    }

    /** Steps whose complete output the published run holds. */
    public Set<Step> publishedSteps() {
        Set<Step> steps = EnumSet.noneOf(Step.class);
        publishedRun().ifPresent(run -> {
            for (Step step : Step.values()) {
                if (done(run, step)) {
                    steps.add(step);
                }
            }
        });
        return steps;
    }

    /** The date's run folders, oldest first (their names sort by start time). */
    public List<Path> runs() throws IOException {
        if (!Files.isDirectory(runsFolder())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(runsFolder())) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** A new, empty run folder named by the time it starts. */
    public Path newRun(Instant now) throws IOException {
        Files.createDirectories(runsFolder());
        for (int attempt = 0; ; attempt++) {
            Path run = runsFolder().resolve(RUN_ID.format(now) + (attempt == 0 ? "" : "-" + attempt));
            try {
                return Files.createDirectory(run);
            } catch (FileAlreadyExistsException e) {
                // Two runs in the same millisecond: the lock orders them, the name only has to differ.
            }
        }
    }

    public static Path stepFolder(Path run, Step step) {
        return run.resolve(step.folder());
    }

    public static boolean done(Path run, Step step) {
        return Files.isRegularFile(stepFolder(run, step).resolve(STEP_DONE));
    }

    /** Removes whatever an unfinished attempt at the step left. */
    public static void clear(Path run, Step step) throws IOException {
        deleteTree(stepFolder(run, step));
    }

    /**
     * Puts the published run's output of {@code step} into {@code run} as hard links: no copying, and the files
     * (written once, never changed) outlive the published run's folder when it is pruned.
     */
    public void keep(Path run, Step step) throws IOException {
        Path published = publishedRun().orElseThrow();
        Path from = stepFolder(published, step);
        Path to = stepFolder(run, step);
        deleteTree(to);
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, source);
                }
            }
        }
        // The step's record names what it read and wrote in the published run, which is pruned once a later run
        // is published: this run's record names its own copies. A file of its own, not the link, is rewritten.
        Path done = to.resolve(STEP_DONE);
        if (Files.isRegularFile(done)) {
            String record = Files.readString(done, StandardCharsets.UTF_8);
            Files.delete(done);
            Files.writeString(done, record.replace(published.toString(), run.toString()), StandardCharsets.UTF_8);
        }
    }

    /** Makes {@code run} the date's published run in one atomic rename of a link over the old one. */
    public void publish(Path run) throws IOException {
        publishedRun();
        Path next = root.resolve("." + date + ".next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, root.relativize(run));
        Files.move(next, published(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the date's runs but these: the published one and the one before it, still open to slow readers. */
    public void prune(Path current, Path previous) throws IOException {
        for (Path run : runs()) {
            if (!run.equals(current) && !run.equals(previous)) {
                deleteTree(run);
            }
        }
    }

    /**
     * The output of {@code step} in the published run of the latest date before {@code date} under {@code root}
     * whose published run holds it: what this date's run compares with. Empty when no earlier date has it.
     */
    public static Optional<Path> previous(Path root, LocalDate date, Step step) throws IOException {
        Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(normalized)) {
            return Optional.empty();
        }
        List<LocalDate> dates;
        try (Stream<Path> children = Files.list(normalized)) {
            dates = children.filter(Files::isSymbolicLink).map(p -> p.getFileName().toString())
                    .flatMap(DateRuns::date)
                    .filter(d -> d.isBefore(date)).sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (LocalDate earlier : dates) {
            Optional<Path> run = new DateRuns(normalized, earlier).publishedRun();
            if (run.isPresent() && done(run.get(), step)) {
                return Optional.of(stepFolder(run.get(), step));
            }
        }
        return Optional.empty();
    }

    /** A date folder's name as its date; nothing for any other name. */
    private static Stream<LocalDate> date(String name) {
        try {
            return Stream.of(LocalDate.parse(name));
        } catch (java.time.format.DateTimeParseException e) {
            return Stream.empty();
        }
    }

    static void deleteTree(Path folder) throws IOException {
        io.arscope.job.PublishedFolder.deleteTree(folder);
    }
}
