package io.arscope.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.job.InputException;
import io.arscope.run.Progress;

/**
 * Reads the export files a mapping names and maps every line, keeping each line's number in its own file
 * (the number an editor shows, header included) so a reject can be found where it came from.
 */
public final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * Every line of every file of the mapping, mapped, as one RDD of {@link MappedRows#SCHEMA} rows per file; none
     * when the mapping reads only database tables. A file matched outside the input folder is refused.
     */
    public static List<JavaRDD<Row>> readAll(SparkSession spark, IngestOptions options, Mapping mapping)
            throws MappingException, InputException, IOException {
        String inputDir = options.input();
        List<JavaRDD<Row>> parts = new ArrayList<>();
        if (!mapping.readsFiles()) {
            return parts;
        }
        if (inputDir == null) {
            throw new MappingException("the mapping reads files, so it needs the folder they are in (--input)");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path root = new Path(inputDir);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            throw new InputException("input folder " + inputDir + " does not exist");
        }
        String rootPath = fs.getFileStatus(root).getPath().toString();
        String rootPrefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        for (SourceSpec source : mapping.sources()) {
            if (source.isDatabase()) {
                continue;
            }
            FileStatus[] matches = fs.globStatus(new Path(root, source.file()));
            if (matches == null || matches.length == 0) {
                throw new InputException("source '" + source.name() + "': no file matches " + source.file() + " in "
                        + inputDir);
            }
            Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
            for (FileStatus match : matches) {
                String full = match.getPath().toString();
                // The mapping's text was checked to stay inside; a glob's alternatives ({a,../b}) are only known
                // once expanded. Symbolic links inside the folder are followed: the folder's owner put them there.
                if (!full.startsWith(rootPrefix)) {
                    throw new MappingException("mapping " + options.mapping() + ", source '" + source.name()
                            + "': file '" + source.file() + "' matches " + full + ", outside the input folder "
                            + inputDir);
                }
                parts.add(readFile(jsc, full, full.substring(rootPrefix.length()), source, options.asOf(), options.bounds()));
            }
        }
        return parts;
    }

    private static JavaRDD<Row> readFile(JavaSparkContext jsc, String path, String shown, SourceSpec source,
            LocalDate asOf, ValueBounds bounds) throws InputException {
        // Lines split as textFile splits them, but kept as bytes: textFile would decode them as UTF-8 and put U+FFFD
        // in place of every byte it cannot read. The reader reuses its Text, so each line is copied out at once.
        JavaRDD<byte[]> lines = jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class,
                jsc.defaultMinPartitions()).map(t -> t._2().copyBytes());
        Progress.phase(jsc.sc(), "reading " + shown);
        List<byte[]> first = lines.take(source.skipLines() + 1);
        RecordMapper mapper = mapper(source, shown, first.size() > source.skipLines() ? first.get(source.skipLines())
                : null, asOf, bounds);
        long skip = source.skipLines() + (LineReader.startsWithHeader(source) ? 1 : 0);
        return lines.zipWithIndex()
                .filter(t -> t._2() >= skip)
                .map(t -> mapper.map(t._1(), t._2() + 1));
    }

    /**
     * The mapper of one file's lines, given its first line: the file's columns are its header's (or the mapping's
     * list), and must include every column the mapping reads.
     *
     * @param firstLine the file's first line after its {@code skipLines} as bytes; null when there is none
     * @throws InputException when the file cannot be mapped at all: empty, a header that cannot be read, or columns
     *                        the mapping names missing
     */
    public static RecordMapper mapper(SourceSpec source, String shown, byte[] firstLine, LocalDate asOf,
            ValueBounds bounds) throws InputException {
        List<String> columns = source.columns();
        if (LineReader.startsWithHeader(source)) {
            long headerLine = source.skipLines() + 1;
            if (firstLine == null) {
                throw new InputException(shown + (source.skipLines() == 0 ? ": the file is empty; its first line"
                        : ": the file ends within its " + source.skipLines() + " skipped lines; line " + headerLine)
                        + " must name the columns");
            }
            LineDecoder.Decoded header = new LineDecoder(source.encodingOrDefault()).decode(firstLine);
            if (header.problem() != null) {
                throw new InputException(shown + " line " + headerLine + " (the header): " + header.problem().getMessage()
                        + "; read: " + header.text());
            }
            columns = LineReader.headerColumns(source, header.text());
            if (columns == null) {
                throw new InputException(shown + " line " + headerLine + ": the header's quotes do not balance");
            }
        }
        RecordMapper mapper = new RecordMapper(source, shown, columns, asOf, bounds);
        List<String> missing = mapper.missingColumns();
        if (!missing.isEmpty()) {
            throw new InputException(shown + ": the mapping (source '" + source.name() + "') names column(s) "
                    + missing + " that the file does not have; its columns are " + columns);
        }
        return mapper;
    }
}
