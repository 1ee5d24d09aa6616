package io.arscope.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.arscope.model.CanonicalTable;
import io.arscope.run.Secrets;

/**
 * The canonical tables of an ingest run that merged into a lake: the lake's folder and the Delta version of each
 * table that run committed. Written as {@value #FILE} where a folder ingest writes its Parquet tables, so that every
 * job given that ingest run reads the lake as it stood after that load, whatever loads came after: any past as-of
 * run reads the same rows again, as long as the lake keeps those versions.
 *
 * @param lake     the lake's folder: one Delta table per canonical table, {@code <lake>/<table>}
 * @param versions the Delta version of each canonical table, by table name
 */
public record LakeSnapshot(String lake, Map<String, Long> versions) {

    /** The file, under the ingest run's {@code canonical/}, that names the snapshot. */
    public static final String FILE = "lake.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LakeSnapshot {
        versions = new TreeMap<>(versions);
    }

    /** Where {@code table} lies in the lake. */
    public String path(CanonicalTable table) {
        return path(lake, table);
    }

    /** Where {@code table} lies in the lake at {@code lake}. */
    public static String path(String lake, CanonicalTable table) {
        return new Path(lake, table.tableName()).toString();
    }

    /** The snapshot's version of {@code table}. */
    public long version(CanonicalTable table) {
        Long version = versions.get(table.tableName());
        if (version == null) {
            throw new IllegalStateException("the lake snapshot of " + lake + " names no version of "
                    + table.tableName());
        }
        return version;
    }

    /**
     * The snapshot {@code canonicalDir} names, or null when it holds Parquet tables of its own. A folder that cannot
     * be looked into (a server refusing the connection) is taken as one of Parquet tables: Spark's read then fails
     * on it, naming it with its credentials redacted, as it did before lakes existed.
     */
    public static LakeSnapshot in(SparkSession spark, String canonicalDir) {
        Path file = new Path(canonicalDir, FILE);
        FileSystem fs;
        try {
            fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, LakeSnapshot.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the lake snapshot "
                    + Secrets.ambient().redact(file.toString()), e);
        }
    }

    /** Writes the snapshot into {@code canonicalDir}. */
    public void writeTo(SparkSession spark, String canonicalDir) throws IOException {
        Path file = new Path(canonicalDir, FILE);
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(file, true)) {
            out.write(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
        }
    }
}
