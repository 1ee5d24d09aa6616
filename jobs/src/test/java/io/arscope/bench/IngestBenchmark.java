package io.arscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.ingest.IngestTables;
import io.arscope.samples.GeneratorConfig;

/**
 * Benchmark harness (not a test): the ingest ratio, {@code arscope ingest} against plain Spark
 * ({@link PlainSparkIngest}) on the same generated files, in turns, each run in a JVM of its own with the launcher's
 * flags. Prints each round's times and the ratios of the medians: of the wall times (JVM and Spark start included,
 * as a scheduler sees them) and of the times each run measures of itself (plain Spark's after its session is warm,
 * ingest's from its manifest, its Spark session already started). Arguments: work folder, invoice count, rounds
 * (default /tmp/arscope-bench/ingest 1000000 3). The generated files are kept and reused on a rerun.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    /** One run's seconds: from its JVM's start to its end, and as it timed itself. */
    private record Times(double wall, double own) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/arscope-bench/ingest").toAbsolutePath();
        long size = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        GeneratorConfig config = BenchHistory.config(size);
        Path dir = work.resolve(Long.toString(size));
        Path csv = dir.resolve("csv");
        System.out.printf("%,d invoices generated in %s (%s)%n", size, csv, BenchHistory.csvFiles(config, csv));
        Path mapping = Path.of("data-samples/mappings/arscope-generator.yaml").toAbsolutePath();
        List<Times> plain = new ArrayList<>();
        List<Times> ingest = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            plain.add(plain(csv, dir.resolve("plain")));
            ingest.add(ingest(csv, dir.resolve("ingest"), mapping, config.exportDate()));
            System.out.printf("round %d: plain Spark %.1f s (%.1f s timed inside), ingest %.1f s (%.1f s in its "
                    + "manifest)%n", round, plain.get(round - 1).wall(), plain.get(round - 1).own(),
                    ingest.get(round - 1).wall(), ingest.get(round - 1).own());
        }
        double plainWall = median(plain.stream().mapToDouble(Times::wall).toArray());
        double plainOwn = median(plain.stream().mapToDouble(Times::own).toArray());
        double ingestWall = median(ingest.stream().mapToDouble(Times::wall).toArray());
        double ingestOwn = median(ingest.stream().mapToDouble(Times::own).toArray());
        System.out.printf("%nmedians of %d rounds, %,d invoices: plain Spark %.1f s wall, %.1f s timed inside; ingest "
                + "%.1f s wall, %.1f s in its manifest%n", rounds, size, plainWall, plainOwn, ingestWall, ingestOwn);
        System.out.printf("ingest / plain Spark: %.2f (wall), %.2f (as each times itself); the target is 1.25%n",
                ingestWall / plainWall, ingestOwn / plainOwn);
    }

    private static Times plain(Path csv, Path out) throws Exception {
        Path log = Files.createTempFile("plain-spark-", ".log");
        List<String> command = BenchJvm.command(PlainSparkIngest.class.getName(), List.of(csv.toString(),
                out.toString()));
        long t0 = System.nanoTime();
        int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start()
                .waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String printed = Files.readString(log);
        if (exit != 0) {
            throw new IllegalStateException("plain Spark exited " + exit + "; its output: " + log);
        }
        String prefix = PlainSparkIngest.TIMED.substring(0, PlainSparkIngest.TIMED.indexOf('%'));
        String line = printed.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        Files.delete(log);
        return new Times(wall, Double.parseDouble(line.substring(prefix.length()).replace(" s", "")));
    }

    private static Times ingest(Path csv, Path out, Path mapping, LocalDate asOf) throws Exception {
        List<String> command = BenchJvm.command("io.arscope.cli.Arscope", List.of("ingest", "--master", "local[2]",
                "--input", csv.toString(), "--mapping", mapping.toString(), "--output", out.toString(), "--as-of",
                asOf.toString(), "--progress", "off"));
        long t0 = System.nanoTime();
        int exit = BenchJvm.run(command);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("arscope ingest exited " + exit);
        }
        double own = new ObjectMapper().readTree(out.resolve(IngestTables.MANIFEST).toFile()).path("seconds")
                .asDouble();
        return new Times(wall, own);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
