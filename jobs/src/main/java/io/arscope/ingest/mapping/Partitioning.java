package io.arscope.ingest.mapping;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a database source is read in parallel: {@code partitions} range queries over a numeric, date or timestamp
 * {@code column}, each reading a slice of [lowerBound, upperBound). The bounds only shape the slices (rows outside
 * them land in the first or last one); when not given they are the column's MIN and MAX.
 */
public record Partitioning(String column, int partitions, String lowerBound, String upperBound)
        implements Serializable {

    @JsonCreator
    public Partitioning(@JsonProperty("column") String column, @JsonProperty("partitions") Integer partitions,
            @JsonProperty("lowerBound") String lowerBound, @JsonProperty("upperBound") String upperBound) {
        this(column, partitions == null ? 1 : partitions, lowerBound, upperBound);
    }
}
