package io.arscope.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * Writes the small human-readable outputs beside the Parquet tables, through Hadoop's file system so the same
 * code writes to a local folder, HDFS or an object store.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * A location as manifests record it: a local path made absolute and normal, a URL ({@code hdfs://nn/x}) as it
     * is; null stays null.
     */
    public static String absolute(String location) {
        if (location == null || location.contains("://")) {
            return location;
        }
        return java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
    }

    public static String child(String folder, String name) {
        return new Path(folder, name).toString();
    }

    public static void writeText(SparkSession spark, String path, String text) throws IOException {
        write(spark, path, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What writes a file's bytes to a stream (a workbook, say). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Creates or replaces the file at {@code path} with what {@code content} writes. */
    public static void write(SparkSession spark, String path, Content content) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = create(fs, target)) {
            content.writeTo(out);
        }
    }

    /**
     * A new file with no hidden {@code .name.crc} beside it. Hadoop's local file system writes one per file; in the
     * folders people open (the drafts, the pages, the CSVs) a spreadsheet user on Windows sees each as a second,
     * unreadable file. A stale one is removed, since a reader would check the new file against it.
     */
    private static OutputStream create(FileSystem fs, Path target) throws IOException {
        if (fs instanceof ChecksumFileSystem checked) {
            FileSystem raw = checked.getRawFileSystem();
            raw.delete(checked.getChecksumFile(target), false);
            return raw.create(target, true);
        }
        return fs.create(target, true);
    }

    public static String readText(SparkSession spark, String path) throws IOException {
        Path source = new Path(path);
        FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (InputStream in = fs.open(source)) {
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
        return ParquetFooters.rows(spark, child(folder, name));
    }

    /**
     * One CSV file with a header (not a folder of parts), for people to open: rows in the order given, cells as
     * {@link CsvCells} writes them.
     */
    public static void writeSingleCsv(SparkSession spark, Dataset<Row> rows, String path) throws IOException {
        Path parts = new Path(path + ".parts");
        CsvCells.lines(rows).coalesce(1).write().mode(SaveMode.Overwrite).text(parts.toString());
        FileSystem fs = parts.getFileSystem(spark.sparkContext().hadoopConfiguration());
        assemble(fs, CsvCells.header(rows.columns()), fs.globStatus(new Path(parts, "part-*")), new Path(path));
        fs.delete(parts, true);
    }

    /**
     * One CSV file with a header per value of the column {@code file}: the rows holding {@code x} go to
     * {@code <folder>/x.csv}, without that column, in the order given. The rows must be in one partition, sorted
     * by {@code file} first (so that each file's rows are written as they come); the values must be file names
     * already ({@link FileNames}), and exactly {@code files}: a row for any other file is an error, and so is a
     * file with no row.
     */
    public static void writeCsvPerFile(SparkSession spark, Dataset<Row> rows, String file, Set<String> files,
            String folder) throws IOException {
        Path parts = new Path(folder + ".parts");
        CsvCells.lines(rows, file).write().mode(SaveMode.Overwrite).partitionBy(file).text(parts.toString());
        FileSystem fs = parts.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Set<String> written = new TreeSet<>();
        FileStatus[] dirs = fs.globStatus(new Path(parts, file + "=*"));
        for (FileStatus dir : dirs == null ? new FileStatus[0] : dirs) {
            written.add(ExternalCatalogUtils.unescapePathName(dir.getPath().getName().substring(file.length() + 1)));
        }
        if (!written.equals(new TreeSet<>(files))) {
            throw new IllegalStateException("the rows name the files " + written + " but " + new TreeSet<>(files)
                    + " were expected in " + folder);
        }
        Path target = new Path(folder);
        fs.delete(target, true);
        fs.mkdirs(target);
        String header = CsvCells.header(rows.drop(file).columns());
        for (String name : files) {
            Path dir = new Path(parts, file + "=" + ExternalCatalogUtils.escapePathName(name));
            assemble(fs, header, fs.globStatus(new Path(dir, "part-*")), new Path(target, name + ".csv"));
        }
        fs.delete(parts, true);
    }

    /** The header, then the lines of the parts in the order of their names, as one file. */
    private static void assemble(FileSystem fs, String header, FileStatus[] parts, Path target) throws IOException {
        FileStatus[] ordered = parts == null ? new FileStatus[0] : parts.clone();
        Arrays.sort(ordered, Comparator.comparing(p -> p.getPath().getName()));
        try (OutputStream out = create(fs, target)) {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (FileStatus part : ordered) {
                try (InputStream in = fs.open(part.getPath())) {
                    in.transferTo(out);
                }
            }
        }
    }
}
