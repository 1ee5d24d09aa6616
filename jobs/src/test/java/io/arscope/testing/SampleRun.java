package io.arscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code arscope run} on the bundled sample as of 2026-10-31, once per test JVM, for the tests that read its
 * outputs: the README's command with a config asking the model to beat the baseline by 5 points
 * ({@value #CONFIG}), which it does not, so the run ranks by the baseline and ends with 7. The worklist the README's
 * own run publishes, ranked by the model (it passes the default margin), is {@link #worklistByTheModel}.
 */
public final class SampleRun {
    /** The run's config file. */
    private static final String CONFIG = "score: {gate-margin: 0.05}\n";
    /** The arguments of the run after {@code run}, besides --root and --config. */
    private static final String[] SAMPLE = {"--as-of", "2026-10-31", "--input", "../data-samples/sample", "--mapping",
        "../data-samples/mappings/arscope-generator.yaml", "--progress", "off"};

    private static SampleRun run;

    private final Path work;
    private final Path day;
    private final int exit;
    private final String out;
    private ExportRun.Command byTheModel;

    private SampleRun(Path work) throws IOException {
        this.work = work;
        Path config = work.resolve("arscope.yaml");
        Files.writeString(config, CONFIG);
        ExportRun.Command c = ExportRun.arscope(Stream.concat(Stream.of("run", "--root",
                work.resolve("root").toString(), "--config", config.toString()), Stream.of(SAMPLE))
                .toArray(String[]::new));
        this.exit = c.code();
        this.out = c.out();
        this.day = work.resolve("root/2026-10-31").toRealPath();
    }

    /** The run, made on first use. */
    public static synchronized SampleRun get() throws IOException {
        if (run == null) {
            Path work = Files.createTempDirectory("arscope-sample-run");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(work)));
            run = new SampleRun(work);
        }
        return run;
    }

    /** The published folder of the date, {@code <root>/2026-10-31} resolved. */
    public Path day() {
        return day;
    }

    public int exit() {
        return exit;
    }

    /** What the run printed on stdout. */
    public String out() {
        return out;
    }

    /** A folder of this JVM's own for other commands' outputs. */
    public Path work() {
        return work;
    }

    /**
     * {@code arscope worklist --model} on the run's ingest and model with the default gate margin, as the README's
     * run (without the config) ranks: the model passes its gate, so the lists rank by the model. Made on first use
     * into {@code worklist-by-the-model} under {@link #work}.
     */
    public synchronized ExportRun.Command worklistByTheModel() {
        if (byTheModel == null) {
            byTheModel = worklist("worklist-by-the-model");
        }
        return byTheModel;
    }

    /** {@code arscope worklist --model} on the run's ingest and model into {@code folder} under {@link #work}. */
    public ExportRun.Command worklist(String folder, String... options) {
        return ExportRun.arscope(Stream.concat(Stream.of("worklist", "--input", day.resolve("ingest").toString(),
                "--model", day.resolve("model").toString(), "--as-of", "2026-10-31", "--output",
                work.resolve(folder).toString(), "--progress", "off"), Stream.of(options)).toArray(String[]::new));
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
