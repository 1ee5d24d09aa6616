package io.arscope.worklist;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;
import io.arscope.ledger.ReportingCurrency;

/**
 * Configuration of one worklist backtest.
 *
 * @param input       folder an ingest run wrote
 * @param model       model trained on outcomes known by {@code from}
 * @param from        first day replayed
 * @param to          last day replayed
 * @param everyDays   days between replayed days
 * @param horizonDays days of outcome after each day
 * @param topShare    K as a share of the open, undisputed invoices
 * @param config      how the worklist is built
 * @param output      folder for the results
 * @param reportingCurrency the currency amounts are read in, each day's at its rate; null for the ledger's one
 */
public record BacktestOptions(String input, Path model, LocalDate from, LocalDate to, int everyDays, int horizonDays,
        double topShare, WorklistConfig config, String output, String reportingCurrency) implements JobOptions {

    public BacktestOptions {
        ReportingCurrency.requireCode(reportingCurrency);
    }

    /** A backtest spans days; it has no single as-of day. */
    @Override
    public LocalDate asOf() {
        return null;
    }
}
