package io.arscope.audit;

import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one audit of the actions log.
 *
 * @param input      folder an ingest run wrote (its canonical contacts and payments)
 * @param actionsLog the worklist's actions log
 * @param asOf       the audit's day: what is known by then counts; null for the latest date in the data
 * @param output     folder for the outputs
 * @param windows    how long after a recommendation its follow-up is looked for
 */
public record ActionsSummaryOptions(String input, String actionsLog, LocalDate asOf, String output,
        FollowUpWindows windows) implements JobOptions {
}
