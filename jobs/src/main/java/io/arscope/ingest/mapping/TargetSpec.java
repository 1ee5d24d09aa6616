package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a source row becomes one record of a canonical table: the field sources, an optional condition, and
 * whether the record is {@code derived}. A derived record (a customer read off an invoice row, say) repeats
 * across rows: the first occurrence of each key is kept and repeats are not duplicates.
 */
public record TargetSpec(Condition when, boolean derived, Map<String, FieldSpec> fields) implements Serializable {

    @JsonCreator
    public TargetSpec(@JsonProperty("when") Condition when, @JsonProperty("derived") boolean derived,
            @JsonProperty("fields") Map<String, FieldSpec> fields) {
        this.when = when;
        this.derived = derived;
        this.fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }
}
