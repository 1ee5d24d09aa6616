package io.arscope.worklist;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.risk.ModelGate;

/**
 * Configuration of one worklist run: scored here with a model, or from the scores a score run wrote.
 *
 * @param input  folder an ingest run wrote
 * @param model  model directory to score with, or null when {@code scores} is given
 * @param scores folder an arscope score run wrote for the same day, or null when {@code model} is given
 * @param asOf   the day; null for the latest date in the data
 * @param output folder for the worklists
 * @param config how the worklist is built
 * @param reportingCurrency the currency balances are shown in; null for the ledger's one currency
 * @param drafts the templates reminder drafts are written from
 * @param gateMargin how much the model must beat the baseline by for the worklist to rank by it, when scored here
 *                   ({@link ModelGate}); a score run's scores were gated by that run
 * @param actionsLog where the run's recommendations are appended ({@link ActionsLog}); null for no log
 * @param alerts     folder an arscope alerts run of the day wrote, shown on the team page; null for none
 */
public record WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
        WorklistConfig config, String reportingCurrency, DraftTemplates drafts, double gateMargin,
        ActionsLog.Target actionsLog, String alerts)
        implements JobOptions {

    public WorklistOptions {
        if ((model == null) == (scores == null)) {
            throw new IllegalArgumentException("give either a model (score here) or the scores of a score run");
        }
        ReportingCurrency.requireCode(reportingCurrency);
    }

    /** Options with no alerts on the team page. */
    public WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
            WorklistConfig config, String reportingCurrency, DraftTemplates drafts, double gateMargin,
            ActionsLog.Target actionsLog) {
        this(input, model, scores, asOf, output, config, reportingCurrency, drafts, gateMargin, actionsLog, null);
    }

    /** Options with no actions log. */
    public WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
            WorklistConfig config, String reportingCurrency, DraftTemplates drafts, double gateMargin) {
        this(input, model, scores, asOf, output, config, reportingCurrency, drafts, gateMargin, null);
    }

    /** Options drafting reminders from the shipped English templates, scoring here behind the default gate. */
    public WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
            WorklistConfig config, String reportingCurrency) {
        this(input, model, scores, asOf, output, config, reportingCurrency, DraftTemplates.shipped(),
                ModelGate.DEFAULT_MARGIN);
    }

    /** Options showing balances in the ledger's one currency. */
    public WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
            WorklistConfig config) {
        this(input, model, scores, asOf, output, config, null);
    }
}
