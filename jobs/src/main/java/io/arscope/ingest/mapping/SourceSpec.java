package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One kind of export file and the canonical records each of its rows produces.
 *
 * @param name              a label used in messages
 * @param file              path of the file relative to the input folder; a glob such as {@code payments-*.csv}
 *                          reads several files of the same layout
 * @param format            {@code csv} or {@code jsonl}
 * @param delimiter         field separator of a CSV file
 * @param columns           column names of a CSV file without a header row; empty when the first line names them
 * @param dateFormats       date formats tried in order: java.time patterns such as {@code M/d/yyyy} or
 *                          {@code yyyyMMdd}, or {@code epoch_seconds}, {@code epoch_millis}, {@code epoch_micros}
 * @param decimalSeparator  the decimal mark of amounts, {@code .} or {@code ,}
 * @param groupingSeparator the thousands separator of amounts, if the export writes one
 * @param trueValues        texts read as true in flags (case does not matter)
 * @param falseValues       texts read as false in flags
 * @param produces          canonical table name to the target it produces
 */
public record SourceSpec(String name, String file, String format, String delimiter, List<String> columns,
        List<String> dateFormats, String decimalSeparator, String groupingSeparator, List<String> trueValues,
        List<String> falseValues, Map<String, TargetSpec> produces) implements Serializable {

    @JsonCreator
    public SourceSpec(@JsonProperty("name") String name, @JsonProperty("file") String file,
            @JsonProperty("format") String format, @JsonProperty("delimiter") String delimiter,
            @JsonProperty("columns") List<String> columns, @JsonProperty("dateFormats") List<String> dateFormats,
            @JsonProperty("decimalSeparator") String decimalSeparator,
            @JsonProperty("groupingSeparator") String groupingSeparator,
            @JsonProperty("trueValues") List<String> trueValues, @JsonProperty("falseValues") List<String> falseValues,
            @JsonProperty("produces") Map<String, TargetSpec> produces) {
        this.name = name == null ? file : name;
        this.file = file;
        this.format = format == null ? "csv" : format;
        this.delimiter = delimiter == null ? "," : delimiter;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.dateFormats = dateFormats == null ? List.of("yyyy-MM-dd") : List.copyOf(dateFormats);
        this.decimalSeparator = decimalSeparator == null ? "." : decimalSeparator;
        this.groupingSeparator = groupingSeparator == null ? "" : groupingSeparator;
        this.trueValues = trueValues == null ? List.of("true", "yes", "y", "1", "t") : List.copyOf(trueValues);
        this.falseValues = falseValues == null ? List.of("false", "no", "n", "0", "f") : List.copyOf(falseValues);
        this.produces = produces == null ? Map.of() : new LinkedHashMap<>(produces);
    }

    public boolean isJsonLines() {
        return "jsonl".equals(format);
    }
}
