package io.arscope.job;

import java.time.LocalDate;

/** What every job's typed options say: the as-of day asked for and where its outputs are published. */
public interface JobOptions {

    /** The as-of day asked for, or null for the job's default (the latest date in the data for most). */
    LocalDate asOf();

    /** Where the job's outputs are published, or null for a job that writes nothing (evaluate). */
    String output();
}
