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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.arscope.ingest.QualityPolicy;
import io.arscope.job.StrictYaml;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;

/**
 * A declarative description of how a system's export maps onto the canonical receivables model, read from a
 * YAML (or JSON) file. Loading checks it whole, so a typo fails before any data is read: unknown keys (with the
 * nearest known one), keys given twice, unknown tables and fields, required canonical fields left unmapped, fields
 * without exactly one source (column, value, columns, firstOf, lineNumber), conditions without exactly one test,
 * debit/credit readings that are neither an indicator nor a sign, date formats that do not parse, files outside
 * the input folder, and a {@code quality:} map that names no rule or sets flag on a structural fault.
 *
 * @param quality what each rule does with a row that breaks it, by code ({@code reject} or {@code flag}); rules
 *                not named keep their default ({@link QualityPolicy})
 */
public record Mapping(String description, DatabaseSpec database, List<SourceSpec> sources,
        Map<String, String> quality) implements Serializable {

    /**
     * Formats understood besides java.time patterns: numbers since 1970-01-01 UTC, and spreadsheet serial days since
     * 1899-12-30; integral or not.
     */
    public static final Set<String> NUMERIC_DATE_FORMATS = Set.of("epoch_seconds", "epoch_millis", "epoch_micros",
            "excel_serial");

    @JsonCreator
    public Mapping(@JsonProperty("description") String description, @JsonProperty("database") DatabaseSpec database,
            @JsonProperty("sources") List<SourceSpec> sources, @JsonProperty("quality") Map<String, String> quality) {
        this.description = description == null ? "" : description;
        this.database = database;
        this.sources = sources == null ? List.of() : List.copyOf(sources);
        // A LinkedHashMap keeps the file's order for the messages; Map.copyOf would reorder and refuses null actions.
        this.quality = quality == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quality));
    }

    /** The data-quality policy the {@code quality:} key sets; valid once the mapping has been loaded. */
    public QualityPolicy qualityPolicy() {
        return QualityPolicy.of(quality);
    }

    /** Reads and checks a mapping file; the message of the exception names the file and what is wrong. */
    public static Mapping load(Path file) throws MappingException {
        return parse(text(file), file.toString());
    }

    /** The mapping file's text, to parse ({@link #parse}) and to digest the very text parsed. */
    public static String text(Path file) throws MappingException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + file + ": " + io.arscope.job.UsageException.reason(e));
        }
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

    /**
     * The currency every invoice gets from the mapping, not the export: the one constant {@code currency} of every
     * source producing invoices; empty when some source reads it from a column or the constants differ. A report in
     * it states the mapping's assumption, which the export itself never made.
     */
    public Optional<String> invoiceCurrencySet() {
        List<String> constants = new ArrayList<>();
        for (SourceSpec source : sources) {
            TargetSpec invoices = source.produces().get(CanonicalTable.INVOICES.tableName());
            if (invoices != null) {
                FieldSpec currency = invoices.fields().get("currency");
                if (currency == null || currency.value() == null) {
                    return Optional.empty();
                }
                constants.add(currency.value());
            }
        }
        return constants.isEmpty() || constants.stream().distinct().count() > 1 ? Optional.empty()
                : Optional.of(constants.get(0));
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
        List<String> problems = new ArrayList<>(QualityPolicy.problems(quality));
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
            if (!source.format().equals("csv") && !source.isJsonLines() && !source.isWorkbook()) {
                problems.add(where + ": format must be csv, jsonl or xlsx, was '" + source.format() + "'");
            }
            if (source.sheet() != null && !source.isWorkbook()) {
                problems.add(where + ": 'sheet' applies to an xlsx workbook only");
            }
            if (source.isWorkbook() && (source.encoding() != null || !source.quotes())) {
                // A workbook's cells hold text, not bytes to decode or quotes to read.
                problems.add(where + ": 'encoding' and 'quotes' apply to text files, not to an xlsx workbook");
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
                problems.addAll(targetProblems(where, source.debitCredit() != null, target.getKey(), target.getValue()));
            }
            problems.addAll(layoutProblems(where, source));
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

    /** The keys that read a report-shaped export: its debit/credit side, its skipped lines and its layout rows. */
    private static List<String> layoutProblems(String where, SourceSpec source) {
        List<String> problems = new ArrayList<>();
        DebitCredit dc = source.debitCredit();
        if (dc != null) {
            boolean indicator = dc.column() != null && dc.debit() != null && dc.credit() != null && dc.signOf() == null;
            boolean sign = dc.signOf() != null && dc.column() == null && dc.debit() == null && dc.credit() == null;
            if (!indicator && !sign) {
                problems.add(where + ": 'debitCredit' needs column, debit and credit (an indicator column), or "
                        + "signOf alone (an amount column whose sign says it)");
            } else if (indicator && dc.debit().equals(dc.credit())) {
                problems.add(where + ": debitCredit's debit and credit are both '" + dc.debit() + "'; they must differ");
            }
        }
        if (source.skipLines() < 0) {
            problems.add(where + ": skipLines must be 0 or more, was " + source.skipLines());
        }
        if (source.ignore() != null) {
            problems.addAll(conditionProblems(where, "ignore", source.ignore(), dc != null));
        }
        return problems;
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
        if (source.optional()) {
            problems.add(where + ": 'optional' applies to files only; a missing table is an error of the database");
        }
        if (source.skipLines() != 0) {
            problems.add(where + ": 'skipLines' applies to files only; a table has no title lines");
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

    private static List<String> targetProblems(String source, boolean hasDebitCredit, String tableName,
            TargetSpec target) {
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
            problems.addAll(fieldProblems(where + "." + entry.getKey(), entry.getValue()));
        }
        if (target.when() != null) {
            problems.addAll(conditionProblems(where, "when", target.when(), hasDebitCredit));
        }
        return problems;
    }

    private static List<String> fieldProblems(String where, FieldSpec spec) {
        List<String> problems = new ArrayList<>();
        int origins = (spec.column() == null ? 0 : 1) + (spec.value() == null ? 0 : 1)
                + (spec.columns() == null ? 0 : 1) + (spec.firstOf() == null ? 0 : 1) + (spec.lineNumber() ? 1 : 0);
        if (origins != 1) {
            problems.add(where + ": give exactly one of 'column', 'value', 'columns', 'firstOf' and 'lineNumber'");
        }
        if (spec.separator() != null && spec.columns() == null) {
            problems.add(where + ": 'separator' applies to 'columns' only");
        }
        problems.addAll(severalColumnsProblems(where, "columns", spec.columns()));
        problems.addAll(severalColumnsProblems(where, "firstOf", spec.firstOf()));
        problems.addAll(dateFormatProblems(where, spec.dateFormats()));
        if (spec.ifEmpty() != null && (spec.value() != null || spec.ifEmpty().isBlank())) {
            problems.add(where + ": 'ifEmpty' needs a text, and a field read from a column to stand in for");
        }
        if (spec.values().keySet().stream().anyMatch(k -> k == null || k.isBlank())) {
            problems.add(where + ": 'values' translates '', but an empty cell has no value to translate; for the "
                    + "value of an empty cell, give 'ifEmpty'");
        }
        if (spec.extract() != null) {
            if (spec.column() == null) {
                problems.add(where + ": 'extract' applies to 'column' only");
            }
            try {
                int groups = java.util.regex.Pattern.compile(spec.extract()).matcher("").groupCount();
                if (groups > 1) {
                    problems.add(where + ": 'extract' '" + spec.extract() + "' has " + groups + " groups; give one "
                            + "group, the part to keep (write other parentheses as (?:...))");
                }
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.add(where + ": 'extract' '" + spec.extract() + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        return problems;
    }

    private static List<String> severalColumnsProblems(String where, String key, List<String> columns) {
        List<String> problems = new ArrayList<>();
        if (columns != null && columns.size() < 2) {
            problems.add(where + ": '" + key + "' needs at least two columns (for one, use 'column')");
        }
        if (columns != null && columns.stream().anyMatch(c -> c == null || c.isBlank())) {
            problems.add(where + ": '" + key + "' names an empty column");
        }
        return problems;
    }

    /**
     * What is wrong with a condition and the conditions nested in it, each named by its path ({@code when > all >
     * entry 2}).
     *
     * @param hasDebitCredit whether the source reads a debit/credit side that a leaf could test
     */
    private static List<String> conditionProblems(String where, String path, Condition c, boolean hasDebitCredit) {
        List<String> problems = new ArrayList<>();
        int tests = (c.present() == null ? 0 : 1) + (c.flag() == null ? 0 : 1) + (c.equalTo() == null ? 0 : 1)
                + (c.in() == null ? 0 : 1) + (c.startsWith() == null ? 0 : 1);
        boolean columnTest = c.column() != null || tests > 0;
        int kinds = (columnTest ? 1 : 0) + (c.debitCredit() == null ? 0 : 1) + (c.all() == null ? 0 : 1)
                + (c.any() == null ? 0 : 1) + (c.not() == null ? 0 : 1);
        String at = where + ": '" + path + "'";
        if (kinds != 1) {
            problems.add(at + " needs exactly one of a column test, debitCredit, all, any and not");
            return problems;
        }
        if (columnTest && (c.column() == null || tests != 1)) {
            problems.add(at + " needs a column and exactly one of present, flag, equals, in, startsWith");
        }
        if (c.startsWith() != null && c.startsWith().isEmpty()) {
            problems.add(at + ": 'startsWith' needs a text (every value starts with an empty one)");
        }
        if (c.in() != null && c.in().isEmpty()) {
            problems.add(at + ": 'in' needs at least one value");
        }
        if (c.equalTo() != null && c.equalTo().isBlank() || c.in() != null && c.in().stream().anyMatch(
                v -> v == null || v.isBlank())) {
            problems.add(at + " tests for '', which no cell holds: an empty cell is missing; test it with "
                    + "{column: " + c.column() + ", present: false}");
        }
        if (c.debitCredit() != null) {
            if (!Set.of("debit", "credit").contains(c.debitCredit())) {
                problems.add(at + ": debitCredit must be 'debit' or 'credit', was '" + c.debitCredit() + "'");
            }
            if (!hasDebitCredit) {
                problems.add(at + " tests debitCredit, but the source has no 'debitCredit' to read it from");
            }
        }
        problems.addAll(combinedProblems(where, path, "all", c.all(), hasDebitCredit));
        problems.addAll(combinedProblems(where, path, "any", c.any(), hasDebitCredit));
        if (c.not() != null) {
            problems.addAll(conditionProblems(where, path + " > not", c.not(), hasDebitCredit));
        }
        return problems;
    }

    private static List<String> combinedProblems(String where, String path, String key, List<Condition> conditions,
            boolean hasDebitCredit) {
        List<String> problems = new ArrayList<>();
        if (conditions == null) {
            return problems;
        }
        if (conditions.isEmpty()) {
            problems.add(where + ": '" + path + "': '" + key + "' needs at least one condition");
        }
        for (int i = 0; i < conditions.size(); i++) {
            problems.addAll(conditionProblems(where, path + " > " + key + " > entry " + (i + 1), conditions.get(i),
                    hasDebitCredit));
        }
        return problems;
    }

    private static List<String> dateFormatProblems(String where, List<String> formats) {
        List<String> problems = new ArrayList<>();
        for (String format : formats) {
            if (NUMERIC_DATE_FORMATS.contains(format)) {
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
