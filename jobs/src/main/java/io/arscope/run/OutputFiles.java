package io.arscope.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the small human-readable outputs beside the Parquet tables, through Hadoop's file system so the same
 * code writes to a local folder, HDFS or an object store.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    public static String child(String folder, String name) {
        return new Path(folder, name).toString();
    }

    public static void writeText(SparkSession spark, String path, String text) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(target, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String readText(SparkSession spark, String path) throws IOException {
        Path source = new Path(path);
        FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (java.io.InputStream in = fs.open(source)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A table as Parquet for tools at {@code <folder>/<name>} and the same rows as one CSV beside it for people,
     * {@code <folder>/<name>.csv}; the rows are computed once for both.
     *
     * @return the number of rows written
     */
    public static long writeTable(SparkSession spark, Dataset<Row> rows, String folder, String name)
            throws IOException {
        Dataset<Row> stored = rows.localCheckpoint();
        stored.write().mode(SaveMode.Overwrite).parquet(child(folder, name));
        writeSingleCsv(spark, stored, child(folder, name + ".csv"));
        return stored.count();
    }

    /** One CSV file with a header (not a folder of parts), for people to open. */
    public static void writeSingleCsv(SparkSession spark, Dataset<Row> rows, String path) throws IOException {
        Path target = new Path(path);
        Path parts = new Path(path + ".parts");
        rows.coalesce(1).write().mode(SaveMode.Overwrite).option("header", true).option("escape", "\"")
                .option("nullValue", "").option("emptyValue", "").csv(parts.toString());
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        FileStatus[] files = fs.globStatus(new Path(parts, "part-*"));
        fs.delete(target, false);
        if (files == null || files.length == 0) {
            try (OutputStream out = fs.create(target, true)) {
                out.write((String.join(",", rows.columns()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } else if (!fs.rename(files[0].getPath(), target)) {
            throw new IOException("could not move " + files[0].getPath() + " to " + target);
        }
        fs.delete(parts, true);
    }
}
