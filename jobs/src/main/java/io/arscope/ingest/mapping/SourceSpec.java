package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One kind of export file, or one database table or query, and the canonical records each of its rows produces.
 *
 * @param name              a label used in messages
 * @param file              path of the file relative to the input folder; a glob such as {@code payments-*.csv}
 *                          reads several files of the same layout
 * @param table             instead of a file: a table (or view) of the mapping's database, such as
 *                          {@code ar.invoices}
 * @param query             instead of a file: a SELECT on the mapping's database, read as a table
 * @param key               of a table or query: the columns that identify a row (its primary key); rows are
 *                          numbered in this order, so a reject names a stable row and the first of two duplicates
 *                          is the same on every run
 * @param fetchSize         of a table or query: rows fetched per round trip (a cursor, not the whole slice in
 *                          memory); null for {@link #DEFAULT_FETCH_SIZE}
 * @param partitioning      of a table or query: how it is read in parallel; null reads it in one query
 * @param format            {@code csv}, {@code jsonl} or {@code xlsx} (an Excel workbook, one sheet of it read)
 * @param sheet             of an xlsx file: the sheet to read, by the name on its tab; null for the first
 * @param encoding          of a file: the character set of its bytes, such as {@code windows-1252}; null for
 *                          {@link #DEFAULT_ENCODING}. A byte it does not define rejects its line.
 * @param delimiter         field separator of a CSV file
 * @param columns           column names of a CSV file without a header row; empty when the first line names them
 * @param dateFormats       date formats tried in order: java.time patterns such as {@code M/d/yyyy} or
 *                          {@code yyyyMMdd}, or {@code epoch_seconds}, {@code epoch_millis}, {@code epoch_micros}
 * @param decimalSeparator  the decimal mark of amounts, {@code .} or {@code ,}
 * @param groupingSeparator the thousands separator of amounts, if the export writes one
 * @param trueValues        texts read as true in flags (case does not matter)
 * @param falseValues       texts read as false in flags
 * @param skipLines         of a file: lines before its header (or first row), such as a report's title lines; they
 *                          are layout, not rows, as the header is
 * @param emptyValues       texts read as an empty value in every column, such as an ERP's {@code 00000000} for
 *                          no date
 * @param debitCredit       how a row's side is read, when the export has one; null when it has none
 * @param ignore            rows that are report layout (group headers, totals): counted as ignored, by the
 *                          alternative of the condition they meet, and mapped to nothing; null when none are
 * @param optional          of a file: whether the export may lack it (collection activity, say, which not every
 *                          system records); then no matching file reads as no rows instead of stopping the run
 * @param quotes            of a CSV file: whether a {@code "} at a field's start quotes it (RFC 4180, the default);
 *                          false for an export that never quotes (an SAP SE16N download), where it is text
 * @param produces          canonical table name to the target it produces
 */
public record SourceSpec(String name, String file, String table, String query, List<String> key, Integer fetchSize,
        Partitioning partitioning, String format, String sheet, String encoding, String delimiter, List<String> columns,
        List<String> dateFormats, String decimalSeparator, String groupingSeparator, List<String> trueValues,
        List<String> falseValues, Integer skipLines, List<String> emptyValues, DebitCredit debitCredit,
        Condition ignore, Boolean optional, Boolean quotes, Map<String, TargetSpec> produces) implements Serializable {

    /** Enough rows per round trip to hide latency, few enough that a slice never sits whole in memory. */
    public static final int DEFAULT_FETCH_SIZE = 1000;
    public static final String DEFAULT_ENCODING = "UTF-8";

    @JsonCreator
    public SourceSpec(@JsonProperty("name") String name, @JsonProperty("file") String file,
            @JsonProperty("table") String table, @JsonProperty("query") String query,
            @JsonProperty("key") List<String> key, @JsonProperty("fetchSize") Integer fetchSize,
            @JsonProperty("partitioning") Partitioning partitioning, @JsonProperty("format") String format,
            @JsonProperty("sheet") String sheet, @JsonProperty("encoding") String encoding,
            @JsonProperty("delimiter") String delimiter, @JsonProperty("columns") List<String> columns, @JsonProperty("dateFormats") List<String> dateFormats,
            @JsonProperty("decimalSeparator") String decimalSeparator,
            @JsonProperty("groupingSeparator") String groupingSeparator,
            @JsonProperty("trueValues") List<String> trueValues, @JsonProperty("falseValues") List<String> falseValues,
            @JsonProperty("skipLines") Integer skipLines, @JsonProperty("emptyValues") List<String> emptyValues,
            @JsonProperty("debitCredit") DebitCredit debitCredit, @JsonProperty("ignore") Condition ignore,
            @JsonProperty("optional") Boolean optional, @JsonProperty("quotes") Boolean quotes,
            @JsonProperty("produces") Map<String, TargetSpec> produces) {
        this.name = name != null ? name : file != null ? file : table;
        this.file = file;
        this.table = table;
        this.query = query;
        this.key = key == null ? List.of() : List.copyOf(key);
        this.fetchSize = fetchSize;
        this.partitioning = partitioning;
        this.format = format == null ? "csv" : format;
        this.sheet = sheet;
        this.encoding = encoding;
        this.delimiter = delimiter == null ? "," : delimiter;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.dateFormats = dateFormats == null ? List.of("yyyy-MM-dd") : List.copyOf(dateFormats);
        this.decimalSeparator = decimalSeparator == null ? "." : decimalSeparator;
        this.groupingSeparator = groupingSeparator == null ? "" : groupingSeparator;
        this.trueValues = trueValues == null ? List.of("true", "yes", "y", "1", "t") : List.copyOf(trueValues);
        this.falseValues = falseValues == null ? List.of("false", "no", "n", "0", "f") : List.copyOf(falseValues);
        this.skipLines = skipLines == null ? 0 : skipLines;
        this.emptyValues = emptyValues == null ? List.of() : List.copyOf(emptyValues);
        this.debitCredit = debitCredit;
        this.ignore = ignore;
        this.optional = optional != null && optional; // never null: read as a plain flag
        this.quotes = quotes == null || quotes;
        this.produces = produces == null ? Map.of() : new LinkedHashMap<>(produces);
    }

    /** The fetch size to read with. */
    public int fetchSizeOrDefault() {
        return fetchSize == null ? DEFAULT_FETCH_SIZE : fetchSize;
    }

    /** The character set to read a file in. */
    public String encodingOrDefault() {
        return encoding == null ? DEFAULT_ENCODING : encoding;
    }

    /** Whether rows come from the mapping's database rather than from files. */
    public boolean isDatabase() {
        return table != null || query != null;
    }

    /**
     * The tables whose key or other field this source reads from the row's line number, which names a row only
     * within its own file; empty when none does.
     */
    public List<String> lineNumberedTables() {
        return produces.entrySet().stream().filter(e -> e.getValue().fields().values().stream()
                .anyMatch(FieldSpec::lineNumber)).map(Map.Entry::getKey).sorted().toList();
    }

    public boolean isJsonLines() {
        return "jsonl".equals(format);
    }

    /** Whether the files are Excel workbooks (.xlsx), read a sheet at a time rather than as lines of text. */
    public boolean isWorkbook() {
        return "xlsx".equals(format);
    }
}
