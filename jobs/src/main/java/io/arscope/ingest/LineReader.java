package io.arscope.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvFormat;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;

import io.arscope.ingest.mapping.SourceSpec;

/**
 * Reads one record of a source into its values by column name: a CSV record split into fields by univocity (the
 * parser Spark's own CSV reader uses) and matched to the columns its header (or its mapping) names, a JSON Lines
 * line as the fields of one flat object. A CSV record is one line unless a quoted field holds line breaks, as
 * {@link RecordFramer} found them. Values are stripped and empty text counts as missing, in a database row too, so
 * the mapping sees the same text whatever the format. A record that cannot be read throws a
 * {@link RejectReason#MALFORMED_ROW} problem.
 */
final class LineReader implements Serializable {

    /** The quote of every CSV source: a row without one cannot end inside a quoted field. */
    private static final char QUOTE = '"';

    private final SourceSpec source;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private transient JsonFactory json;
    private transient CsvParser csv;

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

    /**
     * The column names a header record gives, stripped.
     *
     * @throws FieldProblem when the header is no CSV record
     */
    static List<String> headerColumns(SourceSpec source, String header) {
        return Arrays.stream(fields(csvParser(source, 0), fieldLimit(0), header)).map(f -> f == null ? "" : strip(f))
                .toList();
    }

    /** Which of {@code named} the source lacks; none for JSON Lines, whose every row names its own fields. */
    List<String> missing(List<String> named) {
        if (source.isJsonLines()) {
            return List.of();
        }
        return named.stream().filter(c -> !columnIndex.containsKey(c)).toList();
    }

    /**
     * Whether {@code values} are the column names themselves: a page header that a report repeats inside the file.
     * Never for JSON Lines, whose rows name their own fields.
     */
    boolean repeatsHeader(Map<String, String> values) {
        return !source.isJsonLines() && columns.stream().anyMatch(c -> !c.isEmpty())
                && columns.stream().allMatch(c -> c.isEmpty() || c.equals(values.get(c)));
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

    private Map<String, String> csvValues(String record) {
        if (csv == null) {
            csv = csvParser(source, columns.size());
        }
        String[] fields = fields(csv, fieldLimit(columns.size()), record);
        if (fields.length != columns.size()) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null,
                    "row has " + fields.length + " fields, the header has " + columns.size() + spanned(record));
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, Integer> column : columnIndex.entrySet()) {
            values.put(column.getKey(), emptyToNull(fields[column.getValue()]));
        }
        return values;
    }

    /**
     * The parser of a source's records, as RFC 4180 reads them: a quote opens a field only at its start (after white
     * space), two quotes inside are one, a quote elsewhere is text; a quoted field keeps its line breaks as written.
     * Text after a closing quote is an error rather than guessed at, and no line is a comment.
     */
    private static CsvParser csvParser(SourceSpec source, int columns) {
        CsvParserSettings settings = new CsvParserSettings();
        CsvFormat format = settings.getFormat();
        format.setDelimiter(source.delimiter().charAt(0));
        // A source that never quotes gets NUL as its quote, a character no line that reaches the parser holds.
        char quote = source.quotes() ? QUOTE : '\0';
        format.setQuote(quote);
        format.setQuoteEscape(quote);
        format.setComment('\0');
        format.setLineSeparator("\n");
        settings.setNormalizeLineEndingsWithinQuotes(false);
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(fieldLimit(columns));
        settings.setErrorContentLength(0);
        return new CsvParser(settings);
    }

    /** Room for a row with more fields than its header, so that the count in a message is exact. */
    private static int fieldLimit(int columns) {
        return Math.max(512, 2 * columns);
    }

    private static String[] fields(CsvParser parser, int limit, String record) {
        try {
            // Parsing to the end of its text, univocity throws and catches an exception of its own for every row
            // (a tenth of a 5M ingest's profile samples); a line break ends the row without one. Without a quote
            // nothing can be open at the end, and the break reads the same fields (a row of white space only, none,
            // which is the one empty field below).
            String[] fields = parser.parseLine(record.indexOf(QUOTE) < 0 ? record + "\n" : record);
            return fields == null ? new String[] {""} : fields;
        } catch (TextParsingException e) {
            if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
                throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "row has more than " + limit
                        + " fields" + spanned(record));
            }
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "field " + (e.getColumnIndex() + 1)
                    + " has text after its closing quote (a quote inside a quoted field is written twice)"
                    + spanned(record));
        }
    }

    /** For a record over several lines, says so: a quote that does not close where it should joins lines. */
    private static String spanned(String record) {
        long breaks = record.chars().filter(c -> c == '\n' || c == '\r').count()
                - (record.length() - record.replace("\r\n", "").length()) / 2;
        return breaks == 0 ? "" : " (the row runs over " + (breaks + 1) + " lines: a quoted field holds line breaks)";
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
        String trimmed = strip(text);
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * {@code text} without white space at either end, the no-break spaces included, which {@link String#strip} keeps:
     * a name an export pads with U+00A0 would otherwise be a second customer beside the same name without it.
     */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && space(text.charAt(start))) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }
}
