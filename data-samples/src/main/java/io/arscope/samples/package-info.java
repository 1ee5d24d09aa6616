/**
 * Synthetic receivables histories and test fixtures: {@link io.arscope.samples.HistoryGenerator} writes a
 * realistic history in the canonical CSV format, {@link io.arscope.samples.CorruptedFixture} damages a copy of
 * one in known ways so that ingest validation can be tested against an exact list of expected rejects.
 */
package io.arscope.samples;
