package io.arscope.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

/**
 * What {@code arscope run} was asked to do. Options of the single steps come from the config file's sections, as
 * for the commands themselves.
 *
 * @param asOf           the date the run is for
 * @param root           output root: the date is published at {@code <root>/<asOf>}
 * @param input          export folder for the ingest step, or null when the mapping reads only database tables
 * @param mapping        the ingest mapping file
 * @param model          model directory to score with, or null to train one as of the date
 * @param skip           steps not to run (their published output is kept when there is one)
 * @param from           first step to run, or null for all
 * @param config         YAML file with a section of defaults per command, or null
 * @param jdbcUrl        database URL replacing the mapping's, or null
 * @param jdbcUser       database user, or null
 * @param maxRejectShare ingest's threshold, or null for its default
 * @param reportingCurrency the currency of every step's amounts, or null for the steps' own settings (the
 *                       ledger's one currency unless a section names one)
 */
public record PipelineOptions(LocalDate asOf, Path root, String input, Path mapping, Path model, Set<Step> skip,
        Step from, Path config, String jdbcUrl, String jdbcUser, Double maxRejectShare, String reportingCurrency) {

    public PipelineOptions {
        skip = Set.copyOf(skip);
    }

    /** The same options scoring with the model in {@code dir}. */
    PipelineOptions withModel(Path dir) {
        return new PipelineOptions(asOf, root, input, mapping, dir, skip, from, config, jdbcUrl, jdbcUser,
                maxRejectShare, reportingCurrency);
    }
}
