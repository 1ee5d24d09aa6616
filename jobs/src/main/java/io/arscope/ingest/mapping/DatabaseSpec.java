package io.arscope.ingest.mapping;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The database that a mapping's {@code table} and {@code query} sources are read from. Holds no password: that
 * comes only from the environment, so a mapping file can be shared and versioned.
 *
 * @param url  a JDBC URL such as {@code jdbc:postgresql://host:5432/erp}; the command line's may replace it
 * @param user the user to connect as; the environment's or the command line's may replace it
 */
public record DatabaseSpec(String url, String user) implements Serializable {

    @JsonCreator
    public DatabaseSpec(@JsonProperty("url") String url, @JsonProperty("user") String user) {
        this.url = url;
        this.user = user;
    }
}
