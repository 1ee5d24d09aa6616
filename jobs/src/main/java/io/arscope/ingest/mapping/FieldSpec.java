package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where one canonical field's value comes from, exactly one of: a source {@code column}; a constant
 * {@code value}; several {@code columns} joined by {@code separator} (an id made of company code, fiscal year and
 * document number); the first non-empty of {@code firstOf}; or the row's {@code lineNumber}. Then an optional
 * {@code values} table that translates source codes ("Paper" to "paper"), a {@code prefix} (for ids made from
 * another id), and {@code dateFormats} that override the source's. A column's value may be cut first by
 * {@code extract}, a regular expression whose one group (or, without a group, whose match) is the value, the first
 * place it matches; no match is no value: {@code 'Reversal of: ([^,]+)'} reads the invoice a credit note reverses
 * out of Odoo's reference. {@code ifEmpty} is the value, taken as it is, when the source gives none: Business
 * Central leaves the currency of an amount in its local currency empty. In a mapping file a plain string is short
 * for {@code {column: that string}}.
 */
public record FieldSpec(String column, String value, List<String> columns, String separator, List<String> firstOf,
        Boolean lineNumber, String prefix, Map<String, String> values, List<String> dateFormats, String extract,
        String ifEmpty) implements Serializable {

    public static final String DEFAULT_SEPARATOR = "-";

    @JsonCreator
    public FieldSpec(@JsonProperty("column") String column, @JsonProperty("value") String value,
            @JsonProperty("columns") List<String> columns, @JsonProperty("separator") String separator,
            @JsonProperty("firstOf") List<String> firstOf, @JsonProperty("lineNumber") Boolean lineNumber,
            @JsonProperty("prefix") String prefix, @JsonProperty("values") Map<String, String> values,
            @JsonProperty("dateFormats") List<String> dateFormats, @JsonProperty("extract") String extract,
            @JsonProperty("ifEmpty") String ifEmpty) {
        this.column = column;
        this.value = value;
        this.columns = columns == null ? null : List.copyOf(columns);
        this.separator = separator;
        this.firstOf = firstOf == null ? null : List.copyOf(firstOf);
        this.lineNumber = Boolean.TRUE.equals(lineNumber);
        this.prefix = prefix;
        // In the mapping's order, so that a reject's "is not one of [...]" reads the same on every run.
        this.values = values == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        this.dateFormats = dateFormats == null ? List.of() : List.copyOf(dateFormats);
        this.extract = extract;
        this.ifEmpty = ifEmpty;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FieldSpec ofColumn(String column) {
        return new FieldSpec(column, null, null, null, null, null, null, null, null, null, null);
    }

    /** The separator {@code columns} are joined with. */
    public String separatorOrDefault() {
        return separator == null ? DEFAULT_SEPARATOR : separator;
    }

    /** The source columns the value is read from, in order; none for a constant or a line number. */
    public List<String> sourceColumns() {
        if (columns != null) {
            return columns;
        }
        if (firstOf != null) {
            return firstOf;
        }
        return column == null ? List.of() : List.of(column);
    }

    /** Where the value comes from, as a reject says it: {@code column Due}, {@code first of [ZFBDT, BLDAT]}. */
    public String origin() {
        if (extract != null) {
            return "column " + column + ", the part matching '" + extract + "'";
        }
        if (columns != null) {
            return "columns " + columns;
        }
        if (firstOf != null) {
            return "first of " + firstOf;
        }
        if (lineNumber) {
            return "the line number";
        }
        return column != null ? "column " + column : "value '" + value + "'";
    }
}
