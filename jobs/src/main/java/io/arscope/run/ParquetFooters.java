package io.arscope.run;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
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
 * a tenth of a second or more each on one machine, and a run reads and counts dozens of tables. Reading every file's
 * footer one after another is quick only on a local disk: on another file system (HDFS, an object store) a table is
 * read, its rows counted and its null counts left unknown by Spark as before.
 */
public final class ParquetFooters {

    /** Where Spark stores a file's schema as it wrote it, as JSON among the footer's key-values. */
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetFooters() {
    }

    /** The rows of the table at {@code path} (a folder, partitioned or not): the sum of its files' row counts. */
    public static long rows(SparkSession spark, String path) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (!local(conf, path)) {
            return spark.read().parquet(path).count();
        }
        Path root = qualified(conf, path);
        long rows = 0;
        for (FileStatus file : dataFiles(conf, root)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    /**
     * The nulls of some columns of a table and its rows, summed over its files' row groups.
     *
     * @param rows  the table's rows
     * @param nulls per column, its null values
     */
    public record NullCounts(long rows, Map<String, Long> nulls) {
    }

    /**
     * The nulls of {@code columns} (top-level ones) of the table at {@code path}, from the statistics of its files'
     * row groups; empty when a file lacks one of the columns, a row group's statistics do not count its nulls, or the
     * table is not on a local disk.
     */
    public static Optional<NullCounts> nullCounts(SparkSession spark, String path, List<String> columns)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (!local(conf, path)) {
            return Optional.empty();
        }
        Path root = qualified(conf, path);
        long rows = 0;
        Map<String, Long> nulls = new LinkedHashMap<>();
        columns.forEach(c -> nulls.put(c, 0L));
        for (FileStatus file : dataFiles(conf, root)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                for (String column : columns) {
                    if (!reader.getFooter().getFileMetaData().getSchema().containsField(column)) {
                        return Optional.empty();
                    }
                }
                for (BlockMetaData group : reader.getFooter().getBlocks()) {
                    rows += group.getRowCount();
                    Map<String, Long> found = new LinkedHashMap<>();
                    for (ColumnChunkMetaData chunk : group.getColumns()) {
                        String name = chunk.getPath().toDotString();
                        if (nulls.containsKey(name)) {
                            Statistics<?> statistics = chunk.getStatistics();
                            if (statistics == null || !statistics.isNumNullsSet()) {
                                return Optional.empty();
                            }
                            found.put(name, statistics.getNumNulls());
                        }
                    }
                    if (found.size() != columns.size()) {
                        return Optional.empty();
                    }
                    found.forEach((name, n) -> nulls.merge(name, n, Long::sum));
                }
            }
        }
        return Optional.of(new NullCounts(rows, nulls));
    }

    /**
     * The table at {@code path} read as Spark reads it without a schema (the columns of one of its files, partition
     * columns found from its folders), but with the columns taken from that file's footer here; where the footer
     * does not tell (no data file, files not written by Spark, a table not on a local disk), Spark's own read finds
     * or refuses them.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        Optional<StructType> columns = columns(spark, path);
        return columns.isPresent() ? spark.read().schema(columns.get()).parquet(path) : spark.read().parquet(path);
    }

    /**
     * The columns Spark recorded in the first data file under {@code path} on a local disk; empty as {@link #read}
     * says, and for a table elsewhere or a folder that cannot be read.
     */
    static Optional<StructType> columns(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            if (!local(conf, path)) {
                return Optional.empty();
            }
            Path root = qualified(conf, path);
            for (FileStatus file : dataFiles(conf, root)) {
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
        } catch (IOException e) {
            // A folder that is not there or cannot be read: Spark's own read reports it, as it always has.
            return Optional.empty();
        }
    }

    /**
     * Whether {@code path} is on a local disk, told from its scheme or the default file system's without opening a
     * file system: opening one reaches its server (an FTP file system logs in to find its home folder).
     */
    private static boolean local(Configuration conf, String path) {
        String scheme = new Path(path).toUri().getScheme();
        return "file".equals(scheme != null ? scheme : FileSystem.getDefaultUri(conf).getScheme());
    }

    private static Path qualified(Configuration conf, String path) throws IOException {
        Path root = new Path(path);
        return root.getFileSystem(conf).makeQualified(root);
    }

    /**
     * The data files of the table at {@code root}, found folder by folder: Hadoop's recursive listing makes each file
     * a {@code LocatedFileStatus}, which on a local disk reads the file's permissions by running a command per file
     * (25 ms each here, most of the time a table's footers took).
     */
    private static List<FileStatus> dataFiles(Configuration conf, Path root) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        List<FileStatus> files = new ArrayList<>();
        Deque<FileStatus> folders = new ArrayDeque<>(List.of(fs.getFileStatus(root)));
        while (!folders.isEmpty()) {
            FileStatus folder = folders.pop();
            if (!folder.isDirectory()) {
                files.add(folder);
                continue;
            }
            FileStatus[] children = fs.listStatus(folder.getPath());
            Arrays.sort(children);
            for (FileStatus child : children) {
                if (child.isDirectory()) {
                    if (!hidden(child.getPath().getName())) {
                        folders.add(child);
                    }
                } else if (isData(root, child)) {
                    files.add(child);
                }
            }
        }
        return files;
    }

    /**
     * A data file of the table at {@code root}: a Parquet file, in no folder below the root that Spark skips (its
     * own markers and hidden files: _SUCCESS, .crc files, _temporary, _delta_log).
     */
    private static boolean isData(Path root, FileStatus file) {
        if (!file.getPath().getName().endsWith(".parquet")) {
            return false;
        }
        for (Path p = file.getPath(); p != null && !p.equals(root); p = p.getParent()) {
            if (p.getName().isEmpty() || hidden(p.getName())) {
                return false;
            }
        }
        return true;
    }

    /** A name Spark skips in a table's folder: its markers, temporary folders, checksums. */
    private static boolean hidden(String name) {
        return name.startsWith("_") && !name.contains("=") || name.startsWith(".");
    }
}
