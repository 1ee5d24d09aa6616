package io.arscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check, before Spark starts, that a folder holds what an earlier job wrote there, so that a wrong folder gets
 * a one-line message and exit 3 instead of a Spark stack trace. URIs (hdfs://, s3a://, file://) are left to Spark:
 * options that take folders stay strings, since {@code Path.of} collapses the {@code //} of a URI.
 */
final class EarlierOutput {

    private EarlierOutput() {
    }

    /** Whether the local folder {@code folder} lacks {@code folder/child}; false for URIs. */
    static boolean missing(String folder, String child) {
        return !folder.contains("://") && !Files.isDirectory(Path.of(folder, child));
    }
}
