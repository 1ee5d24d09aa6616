package io.arscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;

/**
 * The generated history every benchmark measures, defined once so that their figures are of the same histories:
 * seed 42, 36 months from November 2023, a given number of invoices.
 */
final class BenchHistory {

    private static final String GENERATED = "_generated";

    private BenchHistory() {
    }

    static GeneratorConfig config(long invoices) {
        return GeneratorConfig.of(42, invoices, LocalDate.of(2023, 11, 1), 36);
    }

    /**
     * Generates {@code config}'s export files into {@code csv}, unless a finished generation is there already (its
     * marker file), and returns what the generator made, as its summary says.
     */
    static String csvFiles(GeneratorConfig config, Path csv) throws IOException {
        Path marker = csv.resolve(GENERATED);
        if (!Files.isRegularFile(marker)) {
            long t0 = System.nanoTime();
            HistoryGenerator.Summary s = HistoryGenerator.generate(config, csv);
            Files.writeString(marker, s.toString());
            System.out.printf("%,d: generated %,d invoices, %,d payments in %.1f s%n", config.invoices(), s.invoices(),
                    s.payments(), (System.nanoTime() - t0) / 1e9);
        }
        return Files.readString(marker);
    }
}
