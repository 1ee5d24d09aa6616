package io.arscope.ingest.mapping;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;

/**
 * A declarative description of how a system's export maps onto the canonical receivables model, read from a
 * YAML (or JSON) file. Loading checks it whole, so a typo fails before any data is read: unknown keys, tables
 * and fields, required canonical fields left unmapped, fields with neither or both of column and value, and
 * date formats that do not parse.
 */
public record Mapping(String description, List<SourceSpec> sources) implements Serializable {

    /** Formats understood besides java.time patterns: numbers since 1970-01-01 UTC, integral or not. */
    public static final Set<String> EPOCH_FORMATS = Set.of("epoch_seconds", "epoch_millis", "epoch_micros");

    @JsonCreator
    public Mapping(@JsonProperty("description") String description,
            @JsonProperty("sources") List<SourceSpec> sources) {
        this.description = description == null ? "" : description;
        this.sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Reads and checks a mapping file; the message of the exception names the file and what is wrong. */
    public static Mapping load(Path file) throws MappingException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Mapping parse(String yamlOrJson, String origin) throws MappingException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Mapping mapping;
        try {
            mapping = yaml.readValue(yamlOrJson, Mapping.class);
        } catch (JsonProcessingException e) {
            throw new MappingException("mapping " + origin + " is not valid: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        List<String> problems = mapping.problems();
        if (!problems.isEmpty()) {
            throw new MappingException("mapping " + origin + " has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
        return mapping;
    }

    /** Every canonical table some source produces. */
    public Set<CanonicalTable> producedTables() {
        java.util.EnumSet<CanonicalTable> tables = java.util.EnumSet.noneOf(CanonicalTable.class);
        for (SourceSpec source : sources) {
            source.produces().keySet().forEach(name -> tables.add(CanonicalTable.byName(name)));
        }
        return tables;
    }

    /** Whether customers come from an export of their own, not only read off other rows. */
    public boolean hasCustomerSource() {
        return sources.stream().anyMatch(s -> {
            TargetSpec t = s.produces().get(CanonicalTable.CUSTOMERS.tableName());
            return t != null && !t.derived();
        });
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sources.isEmpty()) {
            problems.add("no sources: list at least one export file under 'sources'");
        }
        for (SourceSpec source : sources) {
            String where = "source '" + source.name() + "'";
            if (source.file() == null || source.file().isBlank()) {
                problems.add(where + ": 'file' is required");
            }
            if (!source.format().equals("csv") && !source.isJsonLines()) {
                problems.add(where + ": format must be csv or jsonl, was '" + source.format() + "'");
            }
            if (source.delimiter().length() != 1) {
                problems.add(where + ": delimiter must be one character, was '" + source.delimiter() + "'");
            }
            if (!Set.of(".", ",").contains(source.decimalSeparator())) {
                problems.add(where + ": decimalSeparator must be '.' or ','");
            }
            if (source.decimalSeparator().equals(source.groupingSeparator())) {
                problems.add(where + ": decimalSeparator and groupingSeparator must differ");
            }
            problems.addAll(dateFormatProblems(where, source.dateFormats()));
            if (source.produces().isEmpty()) {
                problems.add(where + ": 'produces' names no canonical table");
            }
            for (Map.Entry<String, TargetSpec> target : source.produces().entrySet()) {
                problems.addAll(targetProblems(where, target.getKey(), target.getValue()));
            }
        }
        return problems;
    }

    private static List<String> targetProblems(String source, String tableName, TargetSpec target) {
        List<String> problems = new ArrayList<>();
        CanonicalTable table;
        try {
            table = CanonicalTable.byName(tableName);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
            return problems;
        }
        String where = source + " -> " + tableName;
        for (CanonicalField field : table.fields()) {
            if (field.required() && !target.fields().containsKey(field.name())) {
                problems.add(where + ": required field '" + field.name() + "' is not mapped");
            }
        }
        for (Map.Entry<String, FieldSpec> entry : target.fields().entrySet()) {
            if (table.field(entry.getKey()).isEmpty()) {
                problems.add(where + ": '" + entry.getKey() + "' is not a field of " + tableName + "; fields are "
                        + table.fields().stream().map(CanonicalField::name).toList());
                continue;
            }
            FieldSpec spec = entry.getValue();
            if ((spec.column() == null) == (spec.value() == null)) {
                problems.add(where + "." + entry.getKey() + ": give exactly one of 'column' and 'value'");
            }
            problems.addAll(dateFormatProblems(where + "." + entry.getKey(), spec.dateFormats()));
        }
        Condition when = target.when();
        if (when != null) {
            int tests = (when.present() == null ? 0 : 1) + (when.flag() == null ? 0 : 1) + (when.equalTo() == null ? 0 : 1);
            if (when.column() == null || tests != 1) {
                problems.add(where + ": 'when' needs a column and exactly one of present, flag, equals");
            }
        }
        return problems;
    }

    private static List<String> dateFormatProblems(String where, List<String> formats) {
        List<String> problems = new ArrayList<>();
        for (String format : formats) {
            if (EPOCH_FORMATS.contains(format)) {
                continue;
            }
            try {
                DateTimeFormatter.ofPattern(format);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": date format '" + format + "' is not valid: " + e.getMessage());
            }
        }
        return problems;
    }
}
