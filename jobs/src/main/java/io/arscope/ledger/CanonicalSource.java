package io.arscope.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.arscope.model.CanonicalTable;
import io.arscope.run.ParquetFooters;
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

    /**
     * The as-of date the ingest run that wrote the tables checked its rows against, from its manifest beside them;
     * null when there is no manifest or it names none (an ingest with {@code --any-date}).
     */
    public LocalDate ingestAsOf() {
        JsonNode asOf = ingestOptions(spark, canonicalDir).path("as_of");
        return asOf.isTextual() ? LocalDate.parse(asOf.asText()) : null;
    }

    /**
     * The currency the ingest run's mapping gave every invoice, the export naming none, as its manifest records it;
     * null when the export named the currencies (or there is no manifest).
     */
    public static String invoiceCurrencySetByMapping(SparkSession spark, String canonicalDir) {
        JsonNode currency = ingestOptions(spark, canonicalDir).path("invoice_currency_set_by_mapping");
        return currency.isTextual() ? currency.asText() : null;
    }

    /** The options the ingest run's manifest beside the tables records; a missing node without a manifest. */
    private static JsonNode ingestOptions(SparkSession spark, String canonicalDir) {
        Path manifest = new Path(new Path(canonicalDir).getParent(), ReceivablesLedger.INGEST_MANIFEST);
        try {
            FileSystem fs = manifest.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(manifest)) {
                return MissingNode.getInstance();
            }
            try (InputStream in = fs.open(manifest)) {
                return new ObjectMapper().readTree(in).path("options");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
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
            return lakeVersion(spark, snapshot.path(table), snapshot.version(table));
        }
        return ParquetFooters.read(spark, folder(table));
    }

    /**
     * The rows of one version of the lake table at {@code path}, read as the Parquet files the version lists: a Delta
     * scan re-plans its files in a Spark job of its own for every query, which cost a metrics run on a lake of 1M
     * invoices a quarter of its wall time.
     */
    public static Dataset<Row> lakeVersion(SparkSession spark, String path, long version) {
        VersionFiles files = VersionFiles.of(spark, path, version);
        return files == null ? spark.read().format("delta").option("versionAsOf", version).load(path)
                : spark.read().schema(files.schema()).option("basePath", path).parquet(files.paths());
    }

    /**
     * The Parquet files of one version of a lake table and its schema, found once per version and process: a
     * version's files never change. Kept only for a table whose files are its rows as they stand (reader protocol
     * 1: no deletion vectors, no column mapping; the lake's tables are made so) and which has any.
     */
    private record VersionFiles(StructType schema, String[] paths) {
        private static final Map<String, Optional<VersionFiles>> FOUND = new ConcurrentHashMap<>();

        static VersionFiles of(SparkSession spark, String path, long version) {
            // The version's log file is part of the key, so that a lake made again at the same place is read anew.
            String key = path + "@" + version + "@" + logFile(spark, path, version);
            return FOUND.computeIfAbsent(key, k -> {
                // Delta's own log and snapshot, once: its public read API would build the version's snapshot for
                // the protocol, again for the load and list the files in a query of its own, seconds per table.
                DeltaLog log = DeltaLog.forTable(spark, path);
                Snapshot snapshot = log.getSnapshotAt(version, log.getSnapshotAt$default$2());
                if (snapshot.protocol().minReaderVersion() != 1) {
                    return Optional.empty();
                }
                String[] files = snapshot.allFiles().select("path").collectAsList().stream()
                        .map(r -> new Path(new Path(path), new Path(URI.create(r.getString(0)))).toString())
                        .toArray(String[]::new);
                return files.length == 0 ? Optional.empty() : Optional.of(new VersionFiles(snapshot.schema(), files));
            }).orElse(null);
        }

        private static String logFile(SparkSession spark, String path, long version) {
            Path log = new Path(path + "/_delta_log/" + String.format("%020d.json", version));
            try {
                FileStatus status = log.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(log);
                return status.getModificationTime() + ":" + status.getLen();
            } catch (IOException e) {
                // Not there (a checkpointed log, its JSON cleaned up): found again, not reused.
                return java.util.UUID.randomUUID().toString();
            }
        }
    }

    /**
     * The nulls of {@code columns} of {@code table} as its stored files' statistics count them
     * ({@link ParquetFooters#nullCounts}); empty for a lake's table, or where the files do not tell.
     */
    public Optional<ParquetFooters.NullCounts> nullCounts(CanonicalTable table, List<String> columns) {
        if (snapshot != null) {
            return Optional.empty();
        }
        try {
            return ParquetFooters.nullCounts(spark, folder(table), columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footers of " + Secrets.ambient().redact(folder(table)), e);
        }
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
