package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.run.OutputFiles;
import io.arscope.run.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options several commands share, each declared once and mixed into the commands that take it. */
final class SharedOptions {

    private SharedOptions() {
    }

    /** {@code --master} and {@code --progress}: how a command that runs Spark runs it and shows it running. */
    static final class Spark {
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;

        @Option(names = "--progress", defaultValue = "auto", converter = ProgressMode.class, description = "Progress "
                + "of the running job on stderr: auto (a live line on a terminal, else a line per minute in the "
                + "log), terminal, log, or off. Default: ${DEFAULT-VALUE}.")
        Progress.Mode progress;
    }

    /** Progress modes in any case, as {@code off} is written, not only {@code OFF}. */
    static final class ProgressMode implements CommandLine.ITypeConverter<Progress.Mode> {
        @Override
        public Progress.Mode convert(String value) {
            try {
                return Progress.Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * {@code --config}: a YAML file of option defaults, a section per command. It is read before the command line
     * is parsed ({@link Arscope#execute}); the option is declared so that each command accepts and documents it.
     */
    static final class Config {
        @Option(names = "--config", description = "YAML file with defaults for the options, in a section named as "
                + "the command (see notebooks-docs/scheduling.md).")
        Path config;
    }

    /** {@code --input}: the folder an ingest run wrote, read by every job after ingest. */
    static final class IngestOutput {
        // A String, not a Path: Path.of("hdfs://nn/x") collapses the "//" and the URI no longer names the cluster's
        // files.
        @Option(names = "--input", required = true, converter = AbsoluteLocation.class,
                description = "Folder an ingest run wrote (holding canonical/).")
        String input;
    }

    /** {@code --output}: the folder a job publishes its outputs in. */
    static final class Output {
        @Option(names = "--output", required = true, converter = AbsoluteLocation.class,
                description = "Folder for the outputs. Built beside it and "
                + "published in one switch when complete; a failed run leaves the previous outputs as they were.")
        String output;
    }

    /** {@code --reporting-currency}: the one currency a job that shows amounts reports them in. */
    static final class Currency {
        @Option(names = "--reporting-currency", paramLabel = "CODE", description = "ISO 4217 code of the currency "
                + "every amount is reported in; amounts in others are converted with the exchange_rates table (see "
                + "notebooks-docs/metrics-outputs.md). Default: the invoices' one currency; refused when they have "
                + "several.")
        String reportingCurrency;
    }

    /**
     * A folder option as jobs and manifests use it: a local path made absolute, so that every manifest names the same
     * place whatever folder the command was started in; a URL as given.
     */
    static final class AbsoluteLocation implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return OutputFiles.absolute(value);
        }
    }

    /** A file or folder option (a mapping, a model) made absolute, for the same reason. */
    static final class AbsolutePath implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            return java.nio.file.Path.of(value).toAbsolutePath().normalize();
        }
    }

    /** {@code --as-of}: the day a job computes for. */
    static final class AsOf {
        @Option(names = "--as-of", description = "As-of date (yyyy-MM-dd). Default: the latest business date in the "
                + "data.")
        LocalDate asOf;
    }
}
