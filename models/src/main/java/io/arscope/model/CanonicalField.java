package io.arscope.model;

/**
 * One column of a canonical table: its name, type, whether every row must have it, and what it means.
 */
public record CanonicalField(String name, FieldType type, boolean required, String meaning) {

    static CanonicalField required(String name, FieldType type, String meaning) {
        return new CanonicalField(name, type, true, meaning);
    }

    static CanonicalField optional(String name, FieldType type, String meaning) {
        return new CanonicalField(name, type, false, meaning);
    }
}
