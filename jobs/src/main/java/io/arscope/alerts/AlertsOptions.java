package io.arscope.alerts;

import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one alerts run.
 *
 * @param input          folder an ingest run wrote
 * @param metrics        folder the metrics run of the same day wrote
 * @param scores         folder the score run of the day wrote
 * @param previousScores folder the score run of the previous run wrote, or null when there is none
 * @param asOf           the day; null for the scores' day
 * @param output         folder for the alerts
 * @param daysLateJump   days by which a customer's recent average days late must exceed its earlier one
 *                       ({@link DaysLateJumps})
 * @param rangeSd        standard deviations either side of the mean a metric's range reaches ({@link MetricRanges})
 */
public record AlertsOptions(String input, String metrics, String scores, String previousScores, LocalDate asOf,
        String output, int daysLateJump, double rangeSd) implements JobOptions {
}
