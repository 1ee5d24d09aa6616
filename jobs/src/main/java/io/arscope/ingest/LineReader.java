package io.arscope.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.ingest.mapping.SourceSpec;

/**
 * Reads one line of a source into its values by column name: a CSV line split on the source's delimiter and
 * matched to the columns its header (or its mapping) names, a JSON Lines line as the fields of one flat object.
 * Values are stripped and empty text counts as missing, in a database row too, so the mapping sees the same
 * text whatever the format. A line that cannot be read throws a {@link RejectReason#MALFORMED_ROW} problem.
 */
final class LineReader implements Serializable {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final SourceSpec source;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private transient ObjectMapper json;
    private transient LineSplitter splitter;

    /**
     * @param source  the source the lines come from
     * @param columns its column names (the file's header, or the mapping's list); empty for JSON Lines
     */
    LineReader(SourceSpec source, List<String> columns) {
        this.source = source;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.putIfAbsent(columns.get(i), i);
        }
    }

    /** Whether a file of the source starts with a line naming its columns, rather than the mapping naming them. */
    static boolean startsWithHeader(SourceSpec source) {
        return !source.isJsonLines() && source.columns().isEmpty();
    }

    /** The column names a header line gives, stripped; null when its quotes do not balance. */
    static List<String> headerColumns(SourceSpec source, String firstLine) {
        List<String> names = new LineSplitter(source.delimiter().charAt(0)).split(withoutByteOrderMark(firstLine));
        return names == null ? null : names.stream().map(String::strip).toList();
    }

    /** A file's first line without the byte order mark some editors write before it. */
    static String withoutByteOrderMark(String line) {
        return line.startsWith(BYTE_ORDER_MARK) ? line.substring(BYTE_ORDER_MARK.length()) : line;
    }

    /** Which of {@code named} the source lacks; none for JSON Lines, whose every row names its own fields. */
    List<String> missing(List<String> named) {
        if (source.isJsonLines()) {
            return List.of();
        }
        return named.stream().filter(c -> !columnIndex.containsKey(c)).toList();
    }

    /** The values of a non-blank line, by column name; a missing value maps to null. */
    Map<String, String> values(String line) {
        return source.isJsonLines() ? jsonValues(line) : csvValues(line);
    }

    /** A database row's values read as a line's would be: a value of empty text counts as missing. */
    static Map<String, String> values(Map<String, String> row) {
        Map<String, String> values = new HashMap<>();
        row.forEach((column, text) -> values.put(column, emptyToNull(text)));
        return values;
    }

    private Map<String, String> csvValues(String line) {
        if (splitter == null) {
            splitter = new LineSplitter(source.delimiter().charAt(0));
        }
        List<String> fields = splitter.split(line);
        if (fields == null) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null,
                    "unbalanced quotes (records spanning several lines are not supported)");
        }
        if (fields.size() != columns.size()) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null,
                    "row has " + fields.size() + " fields, the header has " + columns.size());
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, Integer> column : columnIndex.entrySet()) {
            values.put(column.getKey(), emptyToNull(fields.get(column.getValue())));
        }
        return values;
    }

    private Map<String, String> jsonValues(String line) {
        if (json == null) {
            json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "a JSON Lines row must be one JSON object");
        }
        Map<String, String> values = new HashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            String text;
            if (value.isNull()) {
                text = null;
            } else if (value.isTextual()) {
                text = value.textValue();
            } else if (value.isNumber()) {
                text = value.decimalValue().toPlainString();
            } else if (value.isBoolean()) {
                text = value.asText();
            } else {
                throw new FieldProblem(RejectReason.MALFORMED_ROW, field.getKey(),
                        field.getKey() + " holds a nested object or array; only flat rows are supported");
            }
            values.put(field.getKey(), emptyToNull(text));
        }
        return values;
    }

    private static String emptyToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
