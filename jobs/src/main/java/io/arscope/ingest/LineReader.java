package io.arscope.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.arscope.ingest.mapping.SourceSpec;

/**
 * Reads one line of a source into its values by column name: a CSV line split on the source's delimiter and
 * matched to the columns its header (or its mapping) names, a JSON Lines line as the fields of one flat object.
 * Values are stripped and empty text counts as missing, in a database row too, so the mapping sees the same
 * text whatever the format. A line that cannot be read throws a {@link RejectReason#MALFORMED_ROW} problem.
 */
final class LineReader implements Serializable {

    private final SourceSpec source;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private transient JsonFactory json;
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
        List<String> names = new LineSplitter(source.delimiter().charAt(0)).split(firstLine);
        return names == null ? null : names.stream().map(String::strip).toList();
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

    /**
     * Read token by token rather than as a tree: a tree keeps a number's value, not its text, and Jackson makes
     * 1E999999999 an infinite double that has no decimal value at all.
     */
    private Map<String, String> jsonValues(String line) {
        if (json == null) {
            json = new JsonFactory();
        }
        Map<String, String> values = new HashMap<>();
        try (JsonParser parser = json.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "a JSON Lines row must be one JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                String text = switch (token) {
                    case VALUE_NULL -> null;
                    case VALUE_STRING, VALUE_TRUE, VALUE_FALSE, VALUE_NUMBER_INT -> parser.getText();
                    case VALUE_NUMBER_FLOAT -> floatText(parser.getText());
                    default -> throw new FieldProblem(RejectReason.MALFORMED_ROW, key,
                            key + " holds a nested object or array; only flat rows are supported");
                };
                if (values.containsKey(key)) {
                    throw new FieldProblem(RejectReason.MALFORMED_ROW, key, key + " appears twice in the object");
                }
                values.put(key, emptyToNull(text));
            }
            if (parser.nextToken() != null) {
                throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "text after the row's JSON object");
            }
        } catch (IOException e) {
            // Reading a string, the only failure is text that is not JSON.
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        return values;
    }

    /**
     * A JSON fraction or exponent written plainly and without trailing zeros (1500 for 1.5E3, 1.5 for 1.50), as
     * a mapping compares or prefixes it; written as it came when that plain form would be long, as 1E999999999's
     * billion digits would be, for the value parsers to reject in an instant.
     */
    private static String floatText(String text) {
        BoundedDecimal.Reading reading = BoundedDecimal.read(text);
        return reading.kind() == BoundedDecimal.Kind.NUMBER
                ? reading.value().stripTrailingZeros().toPlainString() : text;
    }

    private static String emptyToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
