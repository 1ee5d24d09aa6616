package io.arscope.job;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check, before Spark starts, that a folder holds what an earlier job wrote there, so that a wrong folder gets
 * a one-line message and exit 3 instead of a Spark stack trace. URIs (hdfs://, s3a://, file://) are left to Spark:
 * options that take folders stay strings, since {@code Path.of} collapses the {@code //} of a URI.
 */
public final class EarlierOutput {

    private EarlierOutput() {
    }

    /**
     * @throws InputException when {@code folder} is not the output of an ingest run: it has no canonical invoices,
     *                        nor the snapshot of a lake a load merged them into (the ledger's {@code LakeSnapshot})
     */
    public static void requireIngest(String folder) throws InputException {
        if (folder.contains("://") || !Files.exists(Path.of(folder, "canonical/lake.json"))) {
            require(folder, "canonical/invoices", "ingest");
        }
    }

    /**
     * @throws InputException when the local folder {@code folder} lacks {@code folder/child}, naming the job that
     *                        writes it
     */
    public static void require(String folder, String child, String job) throws InputException {
        if (!folder.contains("://") && !Files.exists(Path.of(folder, child))) {
            throw new InputException(folder + " holds no " + child + "; run arscope " + job
                    + " first and pass its output folder here");
        }
    }
}
