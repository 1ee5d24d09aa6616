package io.arscope.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.model.CanonicalTable;
import io.arscope.run.Secrets;

/**
 * Where an ingest run's canonical tables are stored: Parquet folders under its {@code canonical/}, or, for a run that
 * merged an export into a lake, the lake's Delta tables at the versions that run committed ({@link LakeSnapshot}).
 * Every job reads the canonical tables through here, so both read alike.
 */
public final class CanonicalSource {
    private final SparkSession spark;
    private final String canonicalDir;
    private final LakeSnapshot snapshot;

    private CanonicalSource(SparkSession spark, String canonicalDir, LakeSnapshot snapshot) {
        this.spark = spark;
        this.canonicalDir = canonicalDir;
        this.snapshot = snapshot;
    }

    /** The tables under {@code canonicalDir}, an ingest run's {@code canonical/}. */
    public static CanonicalSource at(SparkSession spark, String canonicalDir) {
        return new CanonicalSource(spark, canonicalDir, LakeSnapshot.in(spark, canonicalDir));
    }

    /** The lake snapshot the tables are read at; null for Parquet folders. */
    public LakeSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The stored rows of {@code table}: a lake's at the snapshot's version (with the lake's own month column, which
     * readers select away as they do the folders' partition column).
     */
    public Dataset<Row> read(CanonicalTable table) {
        if (snapshot != null) {
            return spark.read().format("delta").option("versionAsOf", snapshot.version(table))
                    .load(snapshot.path(table));
        }
        return spark.read().parquet(folder(table));
    }

    /** Whether {@code table} is stored: an ingest run from before a table existed has none of it. */
    public boolean has(CanonicalTable table) {
        if (snapshot != null) {
            return snapshot.versions().containsKey(table.tableName());
        }
        Path folder = new Path(folder(table));
        try {
            return folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + Secrets.ambient().redact(folder.toString()), e);
        }
    }

    /**
     * How manifests name what was read of {@code table}: its folder, or the lake table with its version
     * ({@code /lake/invoices@v12}), which is what reproduces the run.
     */
    public String location(CanonicalTable table) {
        return snapshot == null ? folder(table) : snapshot.path(table) + "@v" + snapshot.version(table);
    }

    private String folder(CanonicalTable table) {
        return canonicalDir + "/" + table.tableName();
    }
}
