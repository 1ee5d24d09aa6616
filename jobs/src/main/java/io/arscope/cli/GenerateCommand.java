package io.arscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import io.arscope.job.UsageException;
import io.arscope.samples.CollectionsActivity;
import io.arscope.samples.CurrencyPlan;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope generate}: a synthetic receivables history in the canonical CSV format. */
@Command(name = "generate", mixinStandardHelpOptions = true, footer = {"", Arscope.EXIT_CODES},
        description = {"Writes a synthetic receivables history (customers, invoices, payments, adjustments, "
                + "disputes, and the collectors' contacts, promises to pay and payment plan instalments) as canonical "
                + "CSV, plus invoice_truth.csv with each invoice's true late-payment probability and what collections "
                + "activity changed. The same options give byte-identical files.",
                "Ingest it with the mapping data-samples/mappings/arscope-generator.yaml."})
final class GenerateCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", required = true, description = "Folder to write the CSV files to.")
    Path output;

    @Option(names = "--invoices", defaultValue = "5000", description = "Approximate number of invoices. Default: ${DEFAULT-VALUE}.")
    long invoices;

    @Option(names = "--customers", description = "Number of customers. Default: invoices / 15, at least 20.")
    Integer customers;

    @Option(names = "--start", defaultValue = "2023-11-01", description = "First month (yyyy-MM-01). Default: ${DEFAULT-VALUE}.")
    LocalDate start;

    @Option(names = "--months", defaultValue = "36", description = "Months of history. Default: ${DEFAULT-VALUE}.")
    int months;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--currencies", split = ",", defaultValue = "USD", description = "Currencies customers are "
            + "billed in, the reporting one first, e.g. USD,EUR,GBP; with more than one, exchange_rates.csv holds "
            + "monthly rates into the first (ingest with data-samples/mappings/arscope-generator-currencies.yaml). "
            + "Default: ${DEFAULT-VALUE}.")
    List<String> currencies;
    @Option(names = "--on-account-share", defaultValue = "0", description = "Share of payments, and of credit memos, "
            + "booked on account: naming the customer but no invoice (0 to 1). Default: ${DEFAULT-VALUE}, none.")
    double onAccountShare;
    @Option(names = "--no-activity", description = "Simulate no collections activity: no contacts.csv, promises.csv or "
            + "plan_instalments.csv, and the other files are those of a history made before activity was "
            + "simulated.")
    boolean noActivity;

    @picocli.CommandLine.Mixin
    SharedOptions.Config config;

    @Override
    public Integer call() throws Exception {
        if (Files.isRegularFile(output)) {
            // Refused before writing, with the code and words every other command gives an output that is a file.
            throw new UsageException("output " + output + " is a file, not a folder");
        }
        GeneratorConfig base = GeneratorConfig.of(seed, invoices, start, months);
        if (customers != null) {
            base = new GeneratorConfig(seed, invoices, customers, start, months);
        }
        base = base.withOnAccountShare(onAccountShare)
                .withActivity(noActivity ? null : CollectionsActivity.DEFAULT);
        long t0 = System.nanoTime();
        HistoryGenerator.Summary s = HistoryGenerator.generate(base, new CurrencyPlan(currencies), output);
        spec.commandLine().getOut().printf("generate: %,d customers, %,d invoices, %,d payments, %,d adjustments, %,d disputes, "
                + "%,d contacts, %,d promises, %,d plan instalments to %s in %.1f s (history %s to %s)%n",
                s.customers(), s.invoices(), s.payments(), s.adjustments(), s.disputes(), s.contacts(), s.promises(),
                s.planInstalments(), output, (System.nanoTime() - t0) / 1e9, base.start(), base.exportDate());
        return io.arscope.job.ExitCode.OK;
    }
}
