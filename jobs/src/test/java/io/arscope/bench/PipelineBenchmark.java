package io.arscope.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.pipeline.PipelineRun;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.ExportCut;

/**
 * Benchmark harness (not a test): the whole pipeline, {@code arscope run}, on generated histories of growing size,
 * each run in a JVM of its own as a scheduler would start it. Prints seconds per step and per million invoices,
 * and the growth factor against the previous size, so linear growth reads as a constant column. The model is
 * trained by the first size's run, kept in {@code <work>/model} and given to every later run, in this invocation or
 * the next (training is not a daily step). Arguments: {@code --daily} (optional), work folder, invoice counts
 * (default 1000000 5000000 20000000; 5000000 with {@code --daily}). Generated files are kept and reused on a rerun.
 * With {@code --daily}, each size's whole run is followed by a daily run on a lake of the same history
 * ({@link #dailyRun}), printed beside it as its share of the whole run.
 */
public final class PipelineBenchmark {
    private static final String DAILY = " daily";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean daily = rest.remove("--daily");
        Path work = Path.of(rest.isEmpty() ? "/tmp/arscope-bench/pipeline" : rest.remove(0)).toAbsolutePath();
        List<Long> sizes = new ArrayList<>();
        rest.forEach(a -> sizes.add(Long.parseLong(a)));
        if (sizes.isEmpty()) {
            sizes.addAll(daily ? List.of(5_000_000L) : List.of(1_000_000L, 5_000_000L, 20_000_000L));
        }
        Path mapping = Path.of("data-samples/mappings/arscope-generator.yaml").toAbsolutePath();
        // A model kept from an earlier invocation is reused, so that a rerun of one size does not train at it.
        Path model = Files.isRegularFile(work.resolve("model").resolve(".copied")) ? work.resolve("model") : null;
        Map<String, Map<String, Double>> seconds = new LinkedHashMap<>();
        Map<String, Long> invoices = new LinkedHashMap<>();
        for (long size : sizes) {
            GeneratorConfig config = BenchHistory.config(size);
            Path dir = work.resolve(Long.toString(size));
            Path csv = dir.resolve("csv");
            BenchHistory.csvFiles(config, csv);
            LocalDate asOf = config.exportDate();
            Path root = dir.resolve("out");
            String full = String.format("%,d", size);
            RunFigures whole = run(root, asOf, csv, mapping, model, List.of());
            if (whole == null) {
                break;
            }
            seconds.put(full, whole.steps());
            invoices.put(full, whole.invoices());
            if (model == null) {
                model = work.resolve("model");
                copy(root.resolve(asOf.toString()).resolve("model"), model);
            }
            if (daily) {
                RunFigures day = dailyRun(dir, csv, asOf, mapping, model, size);
                if (day == null) {
                    break;
                }
                seconds.put(full + DAILY, day.steps());
                invoices.put(full + DAILY, day.invoices());
            }
            print(seconds, invoices);
        }
    }

    /**
     * A daily run on top of the history: the history as exported the day before the as-of date is loaded into a
     * lake by one run (not timed here), then the as-of date's export of new and changed rows ({@link ExportCut}) by
     * the next: the run a scheduler starts every day. Starts from a new lake each time.
     */
    private static RunFigures dailyRun(Path dir, Path csv, LocalDate asOf, Path mapping, Path model,
            long size) throws Exception {
        Path daily = dir.resolve("daily");
        deleteTree(daily);
        Path lakeConfig = daily.resolve("lake.yaml");
        ExportCut cut = ExportCut.of(csv, asOf.minusDays(1), daily.resolve("day1"), daily.resolve("day2"));
        Files.writeString(lakeConfig, "ingest:\n  lake: " + daily.resolve("lake") + "\n");
        System.out.printf("%,d: the day before %s exports %s rows; the day %s%n", size, asOf, cut.day1Rows(),
                cut.deltaRows());
        List<String> lake = List.of("--config", lakeConfig.toString());
        RunFigures first = run(daily.resolve("out"), asOf.minusDays(1), daily.resolve("day1"), mapping, model,
                lake);
        if (first == null) {
            return null;
        }
        System.out.printf("%,d: the lake's first load, a whole run as of %s: %s%n", size, asOf.minusDays(1),
                first.steps());
        return run(daily.resolve("out"), asOf, daily.resolve("day2"), mapping, model, lake);
    }

    /**
     * What one run's manifest says: seconds per step that ran, and the invoices its ingest step accepted (the
     * history's for a whole run, the day's for a daily one).
     */
    private record RunFigures(Map<String, Double> steps, long invoices) {
    }

    /** Runs {@code arscope run} in a JVM of its own; its figures, or null (and a line) if it failed. */
    private static RunFigures run(Path root, LocalDate asOf, Path input, Path mapping, Path model,
            List<String> more) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--as-of", asOf.toString(), "--root", root.toString(),
                "--input", input.toString(), "--mapping", mapping.toString()));
        if (model != null) {
            command.addAll(List.of("--model", model.toString()));
        }
        command.addAll(more);
        long t0 = System.nanoTime();
        int exit = BenchJvm.run(BenchJvm.command("io.arscope.cli.Arscope", command));
        double wall = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            System.out.printf("%s as of %s: arscope run exited %d after %.1f s; stopping%n", input, asOf, exit, wall);
            return null;
        }
        JsonNode manifest = new ObjectMapper().readTree(root.resolve(asOf.toString()).resolve(PipelineRun.MANIFEST)
                .toFile());
        Map<String, Double> steps = new LinkedHashMap<>();
        long invoices = 0;
        for (JsonNode step : manifest.path("steps")) {
            if (step.path("outcome").asText().equals("ran")) {
                steps.put(step.path("step").asText(), step.path("seconds").asDouble());
            }
            if (step.path("step").asText().equals("ingest")) {
                for (java.util.Iterator<Map.Entry<String, JsonNode>> rows = step.path("rows").fields();
                        rows.hasNext();) {
                    Map.Entry<String, JsonNode> e = rows.next();
                    if (e.getKey().endsWith("invoices") || e.getKey().contains("/invoices@")) {
                        invoices = e.getValue().asLong();
                    }
                }
            }
        }
        steps.put(WALL, wall);
        return new RunFigures(steps, invoices);
    }

    /**
     * A column per run: a whole run's seconds per step (per million invoices; growth against the previous whole
     * run), and a daily run's beside the whole run of its size (its share of it).
     */
    private static final String WALL = "run (wall, with JVM and Spark start)";
    private static final String TRAIN = "train";

    private static void print(Map<String, Map<String, Double>> seconds, Map<String, Long> invoices) {
        List<String> steps = new ArrayList<>();
        seconds.values().forEach(m -> m.keySet().stream().filter(s -> !steps.contains(s)).forEach(steps::add));
        System.out.println();
        System.out.println("seconds (whole runs: s per million invoices, x growth vs the previous size; daily runs: "
                + "share of the whole run of their size)");
        System.out.printf("%-38s", "step");
        seconds.keySet().forEach(n -> System.out.printf("%42s", n.endsWith(DAILY)
                ? String.format("daily, %,d new invoices", invoices.get(n))
                : String.format("%,d invoices", invoices.get(n))));
        System.out.println();
        for (String step : steps) {
            System.out.printf("%-38s", step);
            Double before = null;
            Long beforeSize = null;
            for (Map.Entry<String, Map<String, Double>> e : seconds.entrySet()) {
                Double s = e.getValue().get(step);
                String cell;
                if (s == null) {
                    cell = "-";
                } else if (e.getKey().endsWith(DAILY)) {
                    Map<String, Double> wholeRun = seconds.get(e.getKey().substring(0,
                            e.getKey().length() - DAILY.length()));
                    Double whole = wholeRun.get(step);
                    // A daily run is given the model: against the whole run's wall less its training as well, which
                    // the target of a fifth of a full run is about.
                    Double trained = step.equals(WALL) && !e.getValue().containsKey(TRAIN) ? wholeRun.get(TRAIN) : null;
                    cell = whole == null ? String.format("%.0f", s)
                            : trained == null ? String.format("%.0f (%.0f%%)", s, 100 * s / whole)
                            : String.format("%.0f (%.0f%%; %.0f%% without its training)", s, 100 * s / whole,
                                    100 * s / (whole - trained));
                } else {
                    long n = invoices.get(e.getKey());
                    String growth = before == null ? "" : String.format("; x%.2f for x%.1f rows", s / before,
                            (double) n / beforeSize);
                    cell = String.format("%.0f (%.1f/M%s)", s, s / (n / 1e6), growth);
                    before = s;
                    beforeSize = n;
                }
                System.out.printf("%42s", cell);
            }
            System.out.println();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var tree = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
        new File(to.toFile(), ".copied").createNewFile();
    }
}
