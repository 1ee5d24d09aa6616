package io.arscope.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.job.InputException;
import io.arscope.run.Progress;

/**
 * Reads the export files a mapping names and maps every record, keeping the number of the line each starts on in its
 * own file (the number an editor shows, header included) so a reject can be found where it came from.
 */
public final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * Every line of every file of the mapping, mapped, as one part of {@link MappedRows#SCHEMA} rows per file; none
     * when the mapping reads only database tables. A file matched outside the input folder is refused.
     */
    /**
     * Refuses a local input folder that is not there (exit 3), before Spark starts; one on a cluster's file system
     * ({@code hdfs://}, {@code s3a://}) is looked for when it is read, and no folder (null) is left to the caller.
     */
    public static void requireLocalFolder(String input) throws InputException {
        if (input != null && !input.contains("://") && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(input))) {
            throw new InputException(java.nio.file.Files.exists(java.nio.file.Path.of(input))
                    ? "input " + input + " is not a folder" : "input folder " + input + " does not exist");
        }
    }

    static List<MappedLines.Part> readAll(SparkSession spark, IngestOptions options, Mapping mapping)
            throws MappingException, InputException, IOException {
        String inputDir = options.input();
        List<MappedLines.Part> parts = new ArrayList<>();
        if (!mapping.readsFiles()) {
            return parts;
        }
        if (inputDir == null) {
            throw new MappingException("the mapping reads files, so it needs the folder they are in (--input)");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableWritable<Configuration>> conf = jsc.broadcast(
                new SerializableWritable<>(spark.sparkContext().hadoopConfiguration()));
        Path root = new Path(inputDir);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            throw new InputException("input folder " + inputDir + " does not exist");
        }
        String rootPath = fs.getFileStatus(root).getPath().toString();
        String rootPrefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        java.util.Map<String, String> readBy = new java.util.HashMap<>();
        for (SourceSpec source : mapping.sources()) {
            if (source.isDatabase()) {
                continue;
            }
            FileStatus[] matches = fs.globStatus(new Path(root, source.file()));
            if ((matches == null || matches.length == 0) && source.optional()) {
                // The summary's records per table show what it did not produce.
                continue;
            }
            if (matches == null || matches.length == 0) {
                throw new InputException("source '" + source.name() + "': no file matches " + source.file() + " in "
                        + inputDir);
            }
            Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
            List<String> numbered = source.lineNumberedTables();
            if (matches.length > 1 && !numbered.isEmpty()) {
                // Line 10 of one file and line 10 of another would be one id: a payment rejected as the duplicate of
                // another, and the same payment in two overlapping reports accepted twice under two lines.
                throw new InputException("source '" + source.name() + "': " + matches.length + " files match "
                        + source.file() + " in " + inputDir + " (" + Arrays.stream(matches).map(m -> m.getPath()
                        .getName()).toList() + "), but its " + numbered + " ids are line numbers, which name a row "
                        + "only within one file; export one report covering every date instead");
            }
            for (FileStatus match : matches) {
                String full = match.getPath().toString();
                // The mapping's text was checked to stay inside; a glob's alternatives ({a,../b}) are only known
                // once expanded. Symbolic links inside the folder are followed: the folder's owner put them there.
                if (!full.startsWith(rootPrefix)) {
                    throw new MappingException("mapping " + options.mapping() + ", source '" + source.name()
                            + "': file '" + source.file() + "' matches " + full + ", outside the input folder "
                            + inputDir);
                }
                String shown = full.substring(rootPrefix.length());
                String read = source.isWorkbook() ? full + " [" + source.sheet() + "]" : full;
                String other = readBy.putIfAbsent(read, source.name());
                if (other != null) {
                    // Each row would be read, counted and reconciled twice: 7 lines reported as 14 rows read.
                    throw new MappingException("mapping " + options.mapping() + ": sources '" + other + "' and '"
                            + source.name() + "' both read " + shown + (source.isWorkbook() ? " (the same sheet)" : "")
                            + "; give one source whose produces names each table, with when to choose its rows");
                }
                parts.add(MappedLines.Part.of(source, source.isWorkbook()
                        ? readWorkbook(spark, fs, match, shown, source, options.asOf(), options.bounds())
                        : readFile(spark, conf, match, shown, source, options.asOf(), options.bounds())));
            }
        }
        return parts;
    }

    private static JavaRDD<Row> readFile(SparkSession spark, Broadcast<SerializableWritable<Configuration>> conf,
            FileStatus file, String shown, SourceSpec source, LocalDate asOf, ValueBounds bounds)
            throws InputException, IOException {
        Progress.phase(spark.sparkContext(), "reading " + shown);
        String workbook = workbook(file, conf.value().value());
        if (workbook != null) {
            // Read as text, its compressed bytes would be a header of noise and every row a reject.
            throw new InputException(shown + ": the file is " + workbook + ", not " + (source.isJsonLines()
                    ? "JSON Lines" : "CSV") + " text; give the mapping's source '" + source.name() + "' format: "
                    + "xlsx to read an .xlsx workbook, or save the sheet as " + (source.isJsonLines() ? "JSON Lines"
                    : "CSV UTF-8"));
        }
        RecordFramer framer = RecordFramer.of(source);
        RecordFramer.Record header = LineReader.startsWithHeader(source)
                ? FileSplits.first(conf.value().value(), file, framer, source.skipLines()) : null;
        RecordMapper mapper = mapper(source, shown, header, asOf, bounds);
        // Data starts after the header, or after the skipped lines when the mapping names the columns.
        long lastSkipped = header != null ? header.line() : source.skipLines();
        return FileSplits.records(spark, conf, file, framer).filter(r -> r.line() > lastSkipped)
                .flatMap(r -> mapper.rows(r).iterator());
    }

    /**
     * One sheet of a workbook, its rows mapped as a file's lines are. The sheet is read on the driver, a stream of
     * its XML, from a local copy when the file is on a cluster's file system; its rows are then mapped in parallel.
     * The header is the first row after the {@code skipLines} rows that holds anything (Excel leaves a blank row
     * out of the file); rows and rejects are numbered as Excel numbers them, and named {@code file [sheet]}.
     */
    private static JavaRDD<Row> readWorkbook(SparkSession spark, FileSystem fs, FileStatus file, String shown,
            SourceSpec source, LocalDate asOf, ValueBounds bounds) throws InputException, IOException {
        Progress.phase(spark.sparkContext(), "reading " + shown);
        WorkbookSheet.Sheet sheet = sheet(fs, file, shown, source);
        // Rows are named by file and sheet: two sources may read two sheets of one workbook, whose row 8s differ.
        String label = sheet.label(shown);
        List<WorkbookSheet.SheetRow> after = sheet.rows().stream().filter(r -> r.number() > source.skipLines())
                .toList();
        List<String> columns = source.columns();
        long lastSkipped = source.skipLines();
        if (LineReader.startsWithHeader(source)) {
            WorkbookSheet.SheetRow header = after.stream().filter(r -> !r.blank()).findFirst().orElseThrow(() ->
                    new InputException(label + ": the sheet holds no row" + (source.skipLines() == 0 ? ""
                            : " after its " + source.skipLines() + " skipped rows") + "; its first must name the "
                            + "columns"));
            columns = Arrays.stream(header.cells()).map(c -> c == null ? "" : LineReader.strip(c)).toList();
            lastSkipped = header.number();
        }
        RecordMapper mapper = checkedMapper(source, label, columns, asOf, bounds);
        List<String> named = List.copyOf(columns);
        long firstData = lastSkipped;
        List<WorkbookSheet.SheetRow> data = after.stream().filter(r -> r.number() > firstData).toList();
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(data).map(r -> {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < named.size(); i++) {
                values.putIfAbsent(named.get(i), r.cell(i));
            }
            return mapper.mapValues(values, r.asCsv(), r.number());
        });
    }

    /** The source's sheet of the workbook {@code file}, read from a local copy when the file system is not local. */
    private static WorkbookSheet.Sheet sheet(FileSystem fs, FileStatus file, String shown, SourceSpec source)
            throws InputException, IOException {
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem
                || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem) {
            return WorkbookSheet.read(java.nio.file.Path.of(file.getPath().toUri()), shown, source.sheet(),
                    source.decimalSeparator());
        }
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("arscope-", ".xlsx");
        try {
            fs.copyToLocalFile(false, file.getPath(), new Path(copy.toUri()), true);
            return WorkbookSheet.read(copy, shown, source.sheet(), source.decimalSeparator());
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    /**
     * The mapper of one file's records, given its header: the file's columns are its header's (or the mapping's
     * list), and must include every column the mapping reads.
     *
     * @param header the file's first record after its {@code skipLines} when it names the columns; null when there
     *               is none or the mapping names them
     * @throws InputException when the file cannot be mapped at all: empty, a header that cannot be read, or columns
     *                        the mapping names missing
     */
    static RecordMapper mapper(SourceSpec source, String shown, RecordFramer.Record header, LocalDate asOf,
            ValueBounds bounds) throws InputException {
        List<String> columns = source.columns();
        if (LineReader.startsWithHeader(source)) {
            long headerLine = header == null ? source.skipLines() + 1 : header.line();
            if (header == null) {
                throw new InputException(shown + (source.skipLines() == 0 ? ": the file is empty; its first line"
                        : ": the file ends within its " + source.skipLines() + " skipped lines; line " + headerLine)
                        + " must name the columns");
            }
            if (header.quoteLeftOpen()) {
                throw new InputException(shown + " line " + headerLine + ": the header's quotes do not balance");
            }
            if (utf16(header.bytes())) {
                // Every other byte of its text is 0: read a byte at a time, no column name would match, and the
                // message would list unreadable bytes instead of saying what the file is.
                throw new InputException(shown + " line " + headerLine + ": the file is UTF-16 text (Excel's "
                        + "\"Unicode text\" saves it so), which Arscope does not read; save it as CSV UTF-8 and load "
                        + "it again");
            }
            if (startsWithUtf8Mark(header.bytes()) && !Charset.forName(source.encodingOrDefault())
                    .equals(StandardCharsets.UTF_8)) {
                // Read as another encoding, the mark would become part of the first column's name, and every
                // accented letter of the file two wrong ones ("MÃ¼ller").
                throw new InputException(shown + " line " + headerLine + ": the file starts with a UTF-8 byte order "
                        + "mark, but the mapping (source '" + source.name() + "') reads it as "
                        + source.encodingOrDefault() + "; set its encoding to UTF-8");
            }
            LineDecoder.Decoded decoded = new LineDecoder(source.encodingOrDefault()).decode(header.bytes(),
                    headerLine);
            if (decoded.problem() != null) {
                throw new InputException(shown + " line " + headerLine + " (the header): "
                        + decoded.problem().getMessage() + "; read: " + decoded.text());
            }
            try {
                columns = LineReader.headerColumns(source, decoded.text());
            } catch (FieldProblem p) {
                throw new InputException(shown + " line " + headerLine + " (the header): " + p.getMessage());
            }
        }
        return checkedMapper(source, shown, columns, asOf, bounds);
    }

    /**
     * The mapper of a file whose columns are {@code columns}, which must include every column the mapping reads,
     * each once.
     */
    private static RecordMapper checkedMapper(SourceSpec source, String shown, List<String> columns, LocalDate asOf,
            ValueBounds bounds) throws InputException {
        RecordMapper mapper = new RecordMapper(source, shown, columns, asOf, bounds);
        List<String> missing = mapper.missingColumns();
        if (!missing.isEmpty()) {
            throw new InputException(shown + ": the mapping (source '" + source.name() + "') names column(s) "
                    + missing + " that the file does not have; its columns are " + columns);
        }
        List<String> repeated = repeated(columns, mapper.namedColumns());
        if (!repeated.isEmpty()) {
            // NetSuite's saved searches can name two columns "Date" (created and transaction date): reading the
            // first would store the wrong date on every row without a word.
            throw new InputException(shown + ": the mapping (source '" + source.name() + "') reads column(s) "
                    + repeated + " that the file names more than once; its columns are " + columns
                    + "; rename them apart in the export");
        }
        return mapper;
    }

    /** The columns of {@code named} that {@code columns} holds more than once, in the mapping's order. */
    static List<String> repeated(List<String> columns, List<String> named) {
        return named.stream().distinct().filter(c -> columns.stream().filter(c::equals).count() > 1).toList();
    }

    /** What kind of workbook the file is, by its first bytes (a zip's or an OLE2 file's signature); null for none. */
    private static String workbook(FileStatus file, Configuration conf) throws IOException {
        if (file.getLen() < 4) {
            return null;
        }
        byte[] start = new byte[4];
        try (org.apache.hadoop.fs.FSDataInputStream in = file.getPath().getFileSystem(conf).open(file.getPath())) {
            in.readFully(0, start);
        }
        return workbook(start);
    }

    private static String workbook(byte[] bytes) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return "an Excel workbook (.xlsx) or another zip archive";
        }
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
                && (bytes[3] & 0xFF) == 0xE0) {
            return "an Excel 97-2003 workbook (.xls) or a password-protected one";
        }
        return null;
    }

    /** A UTF-16 byte order mark, either way round, or a 0 byte, which no text in a single-byte encoding holds. */
    private static boolean utf16(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return true;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithUtf8Mark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
    }
}
