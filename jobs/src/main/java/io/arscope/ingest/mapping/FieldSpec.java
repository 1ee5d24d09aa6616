package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where one canonical field's value comes from: a source {@code column} or a constant {@code value}, with an
 * optional {@code prefix} (for ids made from another id), a {@code values} table that translates source codes
 * ("Paper" to "paper"), and {@code dateFormats} that override the source's. In a mapping file a plain string
 * is short for {@code {column: that string}}.
 */
public record FieldSpec(String column, String value, String prefix, Map<String, String> values,
        List<String> dateFormats) implements Serializable {

    @JsonCreator
    public FieldSpec(@JsonProperty("column") String column, @JsonProperty("value") String value,
            @JsonProperty("prefix") String prefix, @JsonProperty("values") Map<String, String> values,
            @JsonProperty("dateFormats") List<String> dateFormats) {
        this.column = column;
        this.value = value;
        this.prefix = prefix;
        // In the mapping's order, so that a reject's "is not one of [...]" reads the same on every run.
        this.values = values == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        this.dateFormats = dateFormats == null ? List.of() : List.copyOf(dateFormats);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FieldSpec ofColumn(String column) {
        return new FieldSpec(column, null, null, null, null);
    }
}
