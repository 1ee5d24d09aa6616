package io.arscope.ingest.mapping;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.arscope.job.StrictYaml;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;

/**
 * A declarative description of how a system's export maps onto the canonical receivables model, read from a
 * YAML (or JSON) file. Loading checks it whole, so a typo fails before any data is read: unknown keys (with the
 * nearest known one), keys given twice, unknown tables and fields, required canonical fields left unmapped, fields
 * with neither or both of column and value, date formats that do not parse, and files outside the input folder.
 */
public record Mapping(String description, DatabaseSpec database, List<SourceSpec> sources) implements Serializable {

    /** Formats understood besides java.time patterns: numbers since 1970-01-01 UTC, integral or not. */
    public static final Set<String> EPOCH_FORMATS = Set.of("epoch_seconds", "epoch_millis", "epoch_micros");

    @JsonCreator
    public Mapping(@JsonProperty("description") String description, @JsonProperty("database") DatabaseSpec database,
            @JsonProperty("sources") List<SourceSpec> sources) {
        this.description = description == null ? "" : description;
        this.database = database;
        this.sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Reads and checks a mapping file; the message of the exception names the file and what is wrong. */
    public static Mapping load(Path file) throws MappingException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + file + ": " + io.arscope.job.UsageException.reason(e));
        }
        return parse(text, file.toString());
    }

    public static Mapping parse(String yamlOrJson, String origin) throws MappingException {
        Mapping mapping;
        try {
            mapping = StrictYaml.read(yamlOrJson, Mapping.class);
        } catch (JsonProcessingException e) {
            throw new MappingException("mapping " + origin + " is not valid: " + StrictYaml.problem(e));
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

    /** Whether some source is a database table or query. */
    public boolean readsDatabase() {
        return sources.stream().anyMatch(SourceSpec::isDatabase);
    }

    /** Whether some source is a file. */
    public boolean readsFiles() {
        return sources.stream().anyMatch(s -> !s.isDatabase());
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
        for (int i = 0; i < sources.size(); i++) {
            SourceSpec source = sources.get(i);
            String where = source.name() == null ? "source " + (i + 1) : "source '" + source.name() + "'";
            int origins = (source.file() == null ? 0 : 1) + (source.table() == null ? 0 : 1)
                    + (source.query() == null ? 0 : 1);
            String outside = source.file() == null ? null : InputPath.problem(source.file());
            if (origins != 1 || (source.file() != null && source.file().isBlank())) {
                problems.add(where + ": give exactly one of 'file', 'table' and 'query'");
            } else if (outside != null) {
                problems.add(where + ": file '" + source.file() + "' " + outside);
            }
            problems.addAll(source.isDatabase() ? databaseProblems(where, source) : fileOnlyProblems(where, source));
            if (!source.format().equals("csv") && !source.isJsonLines()) {
                problems.add(where + ": format must be csv or jsonl, was '" + source.format() + "'");
            }
            if (source.encoding() != null) {
                problems.addAll(encodingProblems(where, source.encoding(), source.delimiter()));
            }
            if (source.delimiter().length() != 1) {
                problems.add(where + ": delimiter must be one character, was '" + source.delimiter() + "'");
            } else if (source.delimiter().charAt(0) > 0x7F || "\"\r\n".contains(source.delimiter())) {
                // Records are found in the bytes, where a delimiter must be one byte of its own.
                problems.add(where + ": delimiter must be an ASCII character other than a quote or a line break, was '"
                        + source.delimiter() + "'");
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

    /**
     * Records are found in a file's bytes before they are decoded (io.arscope.ingest.RecordFramer), so an encoding
     * must write line breaks, delimiters and quotes as the ASCII bytes they are (UTF-16 and UTF-32 do not), and use
     * the quote's and the delimiter's bytes for nothing else (Shift_JIS writes a '|' byte inside some characters,
     * ISO-2022-JP a '"' byte).
     */
    private static List<String> encodingProblems(String where, String encoding, String delimiter) {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": encoding '" + encoding + "' is not one Java knows (such as UTF-8, windows-1252, "
                    + "ISO-8859-1)");
        }
        String ascii = "\n\r\t ,;|\"0123456789";
        if (!charset.canEncode()
                || !Arrays.equals(ascii.getBytes(charset), ascii.getBytes(StandardCharsets.US_ASCII))) {
            return List.of(where + ": encoding '" + encoding + "' does not write ASCII as ASCII (as UTF-16 does); "
                    + "convert the file to UTF-8");
        }
        String inside = charset.equals(StandardCharsets.UTF_8) ? "" : bytesInsideCharacters(charset, "\"" + delimiter);
        if (!inside.isEmpty()) {
            return List.of(where + ": encoding '" + encoding + "' writes the byte of " + inside + " inside other "
                    + "characters too, so records cannot be found in the file's bytes; use another delimiter, or "
                    + "convert the file to UTF-8");
        }
        return List.of();
    }

    /** Which of {@code special} (ASCII characters) the charset also writes as a byte of another character. */
    private static String bytesInsideCharacters(Charset charset, String special) {
        StringBuilder others = new StringBuilder();
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate((char) c)) {
                others.append((char) c);
            }
        }
        ByteBuffer bytes;
        try {
            bytes = charset.newEncoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE).encode(CharBuffer.wrap(others));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("ignoring what it cannot encode, " + charset + " failed", e);
        }
        Set<Character> found = new TreeSet<>();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b >= 0 && special.indexOf(b) >= 0) {
                found.add((char) b);
            }
        }
        return found.stream().map(c -> "'" + c + "'").collect(Collectors.joining(" and "));
    }

    private static List<String> databaseProblems(String where, SourceSpec source) {
        List<String> problems = new ArrayList<>();
        if (source.query() != null && source.name() == null) {
            problems.add(where + ": a 'query' source needs a 'name' to be shown by");
        }
        if (source.key().isEmpty()) {
            problems.add(where + ": 'key' must list the columns that identify a row (the primary key)");
        }
        if (source.encoding() != null) {
            problems.add(where + ": 'encoding' applies to files only; a database gives text, not bytes");
        }
        if (source.fetchSize() != null && source.fetchSize() < 1) {
            problems.add(where + ": fetchSize must be at least 1, was " + source.fetchSize());
        }
        Partitioning p = source.partitioning();
        if (p != null) {
            if (p.column() == null || p.column().isBlank()) {
                problems.add(where + ": partitioning needs a 'column' (numeric, date or timestamp)");
            }
            if (p.partitions() < 1) {
                problems.add(where + ": partitioning.partitions must be at least 1, was " + p.partitions());
            }
            if ((p.lowerBound() == null) != (p.upperBound() == null)) {
                problems.add(where + ": give both partitioning bounds or neither (then MIN and MAX are queried)");
            }
        }
        return problems;
    }

    private static List<String> fileOnlyProblems(String where, SourceSpec source) {
        List<String> problems = new ArrayList<>();
        if (!source.key().isEmpty() || source.partitioning() != null
                || source.fetchSize() != null) {
            problems.add(where + ": 'key', 'fetchSize' and 'partitioning' apply to a 'table' or 'query' only");
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
