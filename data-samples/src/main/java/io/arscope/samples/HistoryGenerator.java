package io.arscope.samples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Generates a synthetic receivables history in Arscope's canonical CSV format: customers, invoices, payments,
 * adjustments (credit memos and write-offs), disputes and the collections activity (contacts, promises to pay and
 * payment plan instalments), plus {@value #TRUTH_FILE} with each invoice's true probability of being paid late as
 * the generator knew it on the invoice date and, with activity, what the activity changed. {@link HistorySimulation} draws
 * the history and {@link HistoryWriter} writes it.
 *
 * <p>Guarantees: the same {@link GeneratorConfig} gives byte-identical files; rows are streamed to disk, and
 * memory holds only the customers.
 */
public final class HistoryGenerator {

    public static final String TRUTH_FILE = "invoice_truth.csv";

    /** What a finished run wrote. */
    public record Summary(long customers, long invoices, long payments, long adjustments, long disputes,
            long contacts, long promises, long planInstalments) {
    }

    private HistoryGenerator() {
    }

    /** Generates the history described by {@code config} into {@code outDir}, creating it if needed. */
    public static Summary generate(GeneratorConfig config, Path outDir) throws IOException {
        return generate(config, CurrencyPlan.SINGLE, outDir);
    }

    /** As {@link #generate(GeneratorConfig, Path)}, billing in {@code currencies}, with their rates file. */
    public static Summary generate(GeneratorConfig config, CurrencyPlan currencies, Path outDir) throws IOException {
        try (HistoryWriter out = new HistoryWriter(outDir, currencies, config.activity() != null)) {
            new HistorySimulation(config, out).run();
            currencies.writeRates(outDir, config.start(), config.exportDate());
            return out.summary();
        }
    }
}
