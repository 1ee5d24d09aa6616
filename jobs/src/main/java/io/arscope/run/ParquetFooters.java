package io.arscope.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a Parquet table written by Spark tells in its files' footers, read on the driver: its rows and its columns.
 * Spark finds either by running a job (a count; for a read without a schema, a job that opens one file's footer),
 * a tenth of a second or more each on one machine, and a run reads and counts dozens of tables.
 */
public final class ParquetFooters {

    /** Where Spark stores a file's schema as it wrote it, as JSON among the footer's key-values. */
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetFooters() {
    }

    /** The rows of the table at {@code path} (a folder, partitioned or not): the sum of its files' row counts. */
    public static long rows(SparkSession spark, String path) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long rows = 0;
        Path root = qualified(conf, path);
        RemoteIterator<LocatedFileStatus> files = dataFiles(conf, root);
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            if (isData(root, file)) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }

    /**
     * The table at {@code path} read as Spark reads it without a schema (the columns of one of its files, partition
     * columns found from its folders), but with the columns taken from that file's footer here: empty when it has
     * no data file or its files were not written by Spark, and Spark's own read is left to find or refuse them.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        Optional<StructType> columns = columns(spark, path);
        return columns.isPresent() ? spark.read().schema(columns.get()).parquet(path) : spark.read().parquet(path);
    }

    /** The columns Spark recorded in the first data file under {@code path}; empty as {@link #read} says. */
    static Optional<StructType> columns(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path root = qualified(conf, path);
            RemoteIterator<LocatedFileStatus> files = dataFiles(conf, root);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (!isData(root, file)) {
                    continue;
                }
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                    String json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA);
                    if (json == null) {
                        return Optional.empty();
                    }
                    // Read as nullable, as Spark reads every file column whatever the writer declared.
                    StructType written = (StructType) DataType.fromJson(json);
                    return Optional.of(new StructType(Arrays.stream(written.fields())
                            .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
                            .toArray(StructField[]::new)));
                }
            }
            return Optional.empty();
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Parquet footers under "
                    + Secrets.ambient().redact(path), e);
        }
    }

    private static Path qualified(Configuration conf, String path) throws IOException {
        Path root = new Path(path);
        return root.getFileSystem(conf).makeQualified(root);
    }

    private static RemoteIterator<LocatedFileStatus> dataFiles(Configuration conf, Path root) throws IOException {
        return root.getFileSystem(conf).listFiles(root, true);
    }

    /**
     * A data file of the table at {@code root}: a Parquet file, in no folder below the root that Spark skips (its
     * own markers and hidden files: _SUCCESS, .crc files, _temporary, _delta_log).
     */
    private static boolean isData(Path root, LocatedFileStatus file) {
        if (!file.getPath().getName().endsWith(".parquet")) {
            return false;
        }
        for (Path p = file.getPath(); p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.isEmpty() || name.startsWith("_") && !name.contains("=") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
