package io.arscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code arscope run} on the bundled sample as of 2026-10-31, once per Maven build ({@link SharedFixture}), for the tests that read its
 * outputs: the README's command with a config asking the model to beat the baseline by 5 points
 * ({@value #CONFIG}), which it does not, so the run ranks by the baseline and ends with 7. The worklist the README's
 * own run publishes, ranked by the model (it passes the default margin), is {@link #worklistByTheModel}.
 */
public final class SampleRun {
    /** The run's config file; a run meant to match this one's outputs starts its config with it. */
    public static final String CONFIG = "score: {gate-margin: 0.05}\n";
    /** The arguments of the run after {@code run}, besides --root and --config. */
    private static final String[] SAMPLE = {"--as-of", "2026-10-31", "--input", "../data-samples/sample", "--mapping",
        "../data-samples/mappings/arscope-generator.yaml", "--progress", "off"};

    private static SampleRun run;

    /** A command whose result {@link #saved} keeps. */
    @FunctionalInterface
    private interface Run {
        ExportRun.Command run() throws IOException;
    }

    /** The shared folder: the run's root, the saved command results. */
    private final Path shared;
    /** This JVM's own folder for other commands' outputs. */
    private final Path work;
    private final Path day;
    private final ExportRun.Command command;
    private ExportRun.Command byTheModel;

    private SampleRun(Path shared, Path work) throws IOException {
        this.shared = shared;
        this.work = work;
        this.command = saved(shared, "run", () -> {
            Path config = shared.resolve("arscope.yaml");
            Files.writeString(config, CONFIG);
            return ExportRun.arscope(Stream.concat(Stream.of("run", "--root", shared.resolve("root").toString(),
                    "--config", config.toString()), Stream.of(SAMPLE)).toArray(String[]::new));
        });
        this.day = shared.resolve("root/2026-10-31").toRealPath();
    }

    /** The run, made on first use in this Maven build ({@link SharedFixture}). */
    public static synchronized SampleRun get() throws IOException {
        if (run == null) {
            Path shared = Files.createDirectories(SharedFixture.buildFolder().resolve("sample-run"));
            Path work = Files.createTempDirectory("arscope-sample-run");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(work)));
            run = new SampleRun(shared, work);
        }
        return run;
    }

    /** The published folder of the date, {@code <root>/2026-10-31} resolved. */
    public Path day() {
        return day;
    }

    public int exit() {
        return command.code();
    }

    /** What the run printed on stdout. */
    public String out() {
        return command.out();
    }

    /** What the run printed on stderr. */
    public String err() {
        return command.err();
    }

    /** The folder holding the run's root ({@code root}) and {@link #byTheModel()}'s outputs. */
    public Path shared() {
        return shared;
    }

    /** A folder of this JVM's own for other commands' outputs. */
    public Path work() {
        return work;
    }

    /**
     * {@code arscope worklist --model} on the run's ingest and model with the default gate margin, as the README's
     * run (without the config) ranks: the model passes its gate, so the lists rank by the model. Made on first use
     * in this Maven build into {@code worklist-by-the-model} under {@link #shared}.
     */
    public synchronized ExportRun.Command worklistByTheModel() {
        if (byTheModel == null) {
            byTheModel = saved(shared, "worklist-by-the-model", () -> worklist(shared.resolve("worklist-by-the-model")));
        }
        return byTheModel;
    }

    /** {@code arscope worklist --model} on the run's ingest and model into {@code folder} under {@link #work}. */
    public ExportRun.Command worklist(String folder, String... options) {
        return worklist(work.resolve(folder), options);
    }

    private ExportRun.Command worklist(Path output, String... options) {
        return ExportRun.arscope(Stream.concat(Stream.of("worklist", "--input", day.resolve("ingest").toString(),
                "--model", day.resolve("model").toString(), "--as-of", "2026-10-31", "--output",
                output.toString(), "--progress", "off"), Stream.of(options)).toArray(String[]::new));
    }

    /**
     * A command run once in this Maven build: its exit code and output are kept in {@code parent/<name>.command/},
     * so a test JVM that did not run it reads what it printed.
     */
    private static ExportRun.Command saved(Path parent, String name, Run command) {
        Path saved = SharedFixture.folder(parent, name + ".command", folder -> {
            ExportRun.Command c = command.run();
            Files.writeString(folder.resolve("code"), Integer.toString(c.code()));
            Files.writeString(folder.resolve("out"), c.out());
            Files.writeString(folder.resolve("err"), c.err());
        });
        try {
            return new ExportRun.Command(Integer.parseInt(Files.readString(saved.resolve("code"))),
                    Files.readString(saved.resolve("out")), Files.readString(saved.resolve("err")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
