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
import io.arscope.samples.HistoryGenerator;

/**
 * Benchmark harness (not a test): the whole pipeline, {@code arscope run}, on generated histories of growing size,
 * each run in a JVM of its own as a scheduler would start it. Prints seconds per step and per million invoices,
 * and the growth factor against the previous size, so linear growth reads as a constant column. The model is
 * trained by the first size's run, kept in {@code <work>/model} and given to every later run, in this invocation or
 * the next (training is not a daily step). Arguments: work folder,
 * invoice counts (default 1000000 5000000 20000000). Generated files are kept and reused on a rerun.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/arscope-bench/pipeline").toAbsolutePath();
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000_000L, 5_000_000L, 20_000_000L);
        }
        Path mapping = Path.of("data-samples/mappings/arscope-generator.yaml").toAbsolutePath();
        String runJava = System.getenv().getOrDefault("RUN_JAVA_OPTS", "-Xmx16g");
        List<String> jvmFlags = List.of(Files.readString(Path.of("jobs/target/launch/jvm-flags")).trim().split("\\s+"));
        // A model kept from an earlier invocation is reused, so that a rerun of one size does not train at it.
        Path model = Files.isRegularFile(work.resolve("model").resolve(".copied")) ? work.resolve("model") : null;
        Map<Long, Map<String, Double>> seconds = new LinkedHashMap<>();
        Map<Long, Long> invoices = new LinkedHashMap<>();
        for (long size : sizes) {
            GeneratorConfig config = GeneratorConfig.of(42, size, LocalDate.of(2023, 11, 1), 36);
            Path dir = work.resolve(Long.toString(size));
            Path csv = dir.resolve("csv");
            Map<String, Double> steps = new LinkedHashMap<>();
            if (!Files.isRegularFile(csv.resolve("_generated"))) {
                long t0 = System.nanoTime();
                HistoryGenerator.Summary s = HistoryGenerator.generate(config, csv);
                Files.writeString(csv.resolve("_generated"), s.toString());
                System.out.printf("%,d: generated %,d invoices, %,d payments in %.1f s%n", size, s.invoices(),
                        s.payments(), (System.nanoTime() - t0) / 1e9);
            }
            Path root = dir.resolve("out");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(List.of(runJava.split("\\s+")));
            command.addAll(jvmFlags);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.arscope.cli.Arscope", "run",
                    "--as-of", config.exportDate().toString(), "--root", root.toString(), "--input",
                    csv.toString(), "--mapping", mapping.toString()));
            if (model != null) {
                command.addAll(List.of("--model", model.toString()));
            }
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).inheritIO().start();
            int exit = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (exit != 0) {
                System.out.printf("%,d: arscope run exited %d after %.1f s; stopping%n", size, exit, wall);
                break;
            }
            Path published = root.resolve(config.exportDate().toString());
            JsonNode manifest = new ObjectMapper().readTree(published.resolve(PipelineRun.MANIFEST).toFile());
            for (JsonNode step : manifest.path("steps")) {
                if (step.path("outcome").asText().equals("ran")) {
                    steps.put(step.path("step").asText(), step.path("seconds").asDouble());
                }
                if (step.path("step").asText().equals("ingest")) {
                    invoices.put(size, step.path("rows").path("canonical/invoices").asLong());
                }
            }
            steps.put("run (wall, with JVM and Spark start)", wall);
            seconds.put(size, steps);
            if (model == null) {
                model = work.resolve("model");
                copy(published.resolve("model"), model);
            }
            print(seconds, invoices);
        }
    }

    private static void print(Map<Long, Map<String, Double>> seconds, Map<Long, Long> invoices) {
        List<String> steps = new ArrayList<>();
        seconds.values().forEach(m -> m.keySet().stream().filter(s -> !steps.contains(s)).forEach(steps::add));
        System.out.println();
        System.out.printf("%-38s", "seconds (s per million invoices; x growth vs previous size)");
        System.out.println();
        System.out.printf("%-38s", "step");
        seconds.keySet().forEach(n -> System.out.printf("%42s", String.format("%,d invoices", invoices.get(n))));
        System.out.println();
        for (String step : steps) {
            System.out.printf("%-38s", step);
            Double before = null;
            Long beforeSize = null;
            for (Map.Entry<Long, Map<String, Double>> e : seconds.entrySet()) {
                Double s = e.getValue().get(step);
                long n = invoices.get(e.getKey());
                String growth = before == null || s == null ? "" : String.format("; x%.2f for x%.1f rows", s / before,
                        (double) n / beforeSize);
                System.out.printf("%42s", s == null ? "-" : String.format("%.0f (%.1f/M%s)", s, s / (n / 1e6), growth));
                before = s;
                beforeSize = n;
            }
            System.out.println();
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
