package io.arscope.ingest.mapping;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a source row produces a record of a target table: the named {@code column} must be non-empty
 * ({@code present: true}), empty ({@code present: false}), a true or false flag ({@code flag}), or equal to a
 * text ({@code equals}). Exactly one test is given.
 */
public record Condition(@JsonProperty("column") String column, @JsonProperty("present") Boolean present,
        @JsonProperty("flag") Boolean flag, @JsonProperty("equals") String equalTo) implements Serializable {
}
