package io.arscope.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.ingest.mapping.Condition;
import io.arscope.ingest.mapping.FieldSpec;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;
import io.arscope.model.FieldType;

/**
 * Turns one line of an export into canonical records, following a source's mapping, and applies every check
 * that needs only that line: types, required fields, positive amounts, date order, allowed codes, the as-of
 * date, and dependents dated before an invoice on the same line. Checks across lines (duplicates, references)
 * come later, in {@link ReferenceChecks}. A pure function of the line: the same line always maps the same way.
 */
public final class RecordMapper implements Serializable {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final String ISO_DATE = "yyyy-MM-dd";

    private final SourceSpec source;
    private final String sourceFile;
    private final List<String> columns;
    private final LocalDate asOf;
    private final ValueParsers parsers;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Map<CanonicalTable, Map<String, List<ValueParsers.DateReader>>> fieldDates = new EnumMap<>(
            CanonicalTable.class);
    private transient ObjectMapper json;
    private transient LineSplitter splitter;

    /**
     * @param source     the mapping of this kind of file
     * @param sourceFile the file's name as shown in rejects
     * @param columns    the file's column names (its header, or the mapping's list); empty for JSON Lines
     * @param asOf       business dates after this day are rejected; null for no limit
     */
    public RecordMapper(SourceSpec source, String sourceFile, List<String> columns, LocalDate asOf) {
        this.source = source;
        this.sourceFile = sourceFile;
        this.columns = List.copyOf(columns);
        this.asOf = asOf;
        this.parsers = new ValueParsers(source);
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.putIfAbsent(columns.get(i), i);
        }
        for (Map.Entry<String, TargetSpec> target : source.produces().entrySet()) {
            Map<String, List<ValueParsers.DateReader>> dates = new HashMap<>();
            for (Map.Entry<String, FieldSpec> field : target.getValue().fields().entrySet()) {
                List<String> formats = field.getValue().dateFormats();
                List<ValueParsers.DateReader> readers = formats.isEmpty() ? parsers.sourceDates()
                        : ValueParsers.readers(formats);
                dates.put(field.getKey(), source.isDatabase() ? withIso(readers) : readers);
            }
            fieldDates.put(CanonicalTable.byName(target.getKey()), dates);
        }
    }

    /** A DATE or TIMESTAMP column arrives as yyyy-MM-dd, whatever format the text columns beside it are in. */
    private static List<ValueParsers.DateReader> withIso(List<ValueParsers.DateReader> readers) {
        if (readers.stream().anyMatch(r -> r.format.equals(ISO_DATE))) {
            return readers;
        }
        List<ValueParsers.DateReader> all = new ArrayList<>(readers);
        all.add(new ValueParsers.DateReader(ISO_DATE));
        return all;
    }

    /** Every source column the mapping reads, in the mapping's order: field sources, then conditions. */
    public List<String> namedColumns() {
        List<String> named = new ArrayList<>();
        for (TargetSpec target : source.produces().values()) {
            for (FieldSpec field : target.fields().values()) {
                if (field.column() != null && !named.contains(field.column())) {
                    named.add(field.column());
                }
            }
            if (target.when() != null && !named.contains(target.when().column())) {
                named.add(target.when().column());
            }
        }
        return named;
    }

    /** Source columns the mapping names that the file lacks; empty when the file fits the mapping. */
    public List<String> missingColumns() {
        if (source.isJsonLines()) {
            return List.of();
        }
        return namedColumns().stream().filter(c -> !columnIndex.containsKey(c)).toList();
    }

    /** The mapped line as a row of {@link MappedRows#SCHEMA}. */
    public Row map(String line, long lineNumber) {
        return row(line, lineNumber, line.isBlank() ? null
                : () -> source.isJsonLines() ? jsonValues(line) : csvValues(line));
    }

    /**
     * A row that arrives as column values rather than a line (a database row), mapped exactly as a line with
     * those values would be: empty text counts as missing, as an empty CSV field does.
     *
     * @param values    column name to its value as text; null for SQL NULL
     * @param raw       how a reject shows the row
     * @param rowNumber the row's number in its source, from 1
     */
    public Row mapValues(Map<String, String> values, String raw, long rowNumber) {
        return row(raw, rowNumber, () -> {
            Map<String, String> cleaned = new HashMap<>();
            values.forEach((column, text) -> cleaned.put(column, emptyToNull(text)));
            return cleaned;
        });
    }

    /** {@code values} is null for a blank line, which is no row; it may throw the row's first problem. */
    private Row row(String raw, long number, Supplier<Map<String, String>> values) {
        Object[] out = new Object[MappedRows.SCHEMA.size()];
        out[0] = sourceFile;
        out[1] = number;
        out[2] = raw;
        out[3] = values == null;
        List<Row> problems = new ArrayList<>();
        if (values != null) {
            mapRecords(values, out, problems);
        }
        if (!problems.isEmpty()) {
            for (int i = 4; i < 4 + CanonicalTable.values().length; i++) {
                out[i] = null;
            }
        }
        // Spark reads array values of a Row as Scala sequences.
        out[out.length - 1] = scala.collection.JavaConverters.asScalaBuffer(problems).toList();
        return RowFactory.create(out);
    }

    private void mapRecords(Supplier<Map<String, String>> read, Object[] out, List<Row> problems) {
        Map<String, String> values;
        try {
            values = read.get();
        } catch (FieldProblem p) {
            problems.add(problem(null, null, p));
            return;
        }
        Map<CanonicalTable, Object[]> records = new EnumMap<>(CanonicalTable.class);
        for (Map.Entry<String, TargetSpec> entry : source.produces().entrySet()) {
            CanonicalTable table = CanonicalTable.byName(entry.getKey());
            TargetSpec target = entry.getValue();
            try {
                if (target.when() != null && !holds(target.when(), values)) {
                    continue;
                }
            } catch (FieldProblem p) {
                problems.add(problem(table, null, p));
                continue;
            }
            Object[] record = record(table, target, values, problems);
            if (record != null) {
                records.put(table, record);
                out[4 + table.ordinal()] = RowFactory.create(record);
            }
        }
        checkDependentsAgainstSameLineInvoice(records, problems);
        if (records.isEmpty() && problems.isEmpty()) {
            problems.add(problem(null, null, new FieldProblem(RejectReason.NO_RECORD, null,
                    "the row meets no condition of the mapping, so it produces no record")));
        }
    }

    private Object[] record(CanonicalTable table, TargetSpec target, Map<String, String> values, List<Row> problems) {
        List<CanonicalField> fields = table.fields();
        Object[] record = new Object[fields.size() + 1];
        String recordId = null;
        int before = problems.size();
        for (int i = 0; i < fields.size(); i++) {
            CanonicalField field = fields.get(i);
            FieldSpec spec = target.fields().get(field.name());
            try {
                String text = spec == null ? null : text(spec, values, field.name());
                if (text == null) {
                    if (field.required()) {
                        throw new FieldProblem(RejectReason.MISSING_FIELD, field.name(),
                                field.name() + " is required but empty"
                                        + (spec == null || spec.column() == null ? "" : " (column " + spec.column() + ")"));
                    }
                    continue;
                }
                record[i] = typed(table, field, text);
                if (field.name().equals(table.keyField())) {
                    recordId = text;
                }
            } catch (FieldProblem p) {
                problems.add(problem(table, recordId, p));
            }
        }
        record[fields.size()] = target.derived();
        if (problems.size() == before) {
            try {
                RowRules.check(table, record, asOf);
            } catch (FieldProblem p) {
                problems.add(problem(table, recordId, p));
            }
        }
        if (recordId != null) {
            // Problems found before the key was read still name the record.
            for (int i = before; i < problems.size(); i++) {
                Row p = problems.get(i);
                problems.set(i, RowFactory.create(p.get(0), recordId, p.get(2), p.get(3), p.get(4)));
            }
        }
        return problems.size() == before ? record : null;
    }

    private String text(FieldSpec spec, Map<String, String> values, String field) {
        String text = spec.value() != null ? spec.value() : values.get(spec.column());
        if (text == null) {
            return null;
        }
        if (!spec.values().isEmpty()) {
            String translated = spec.values().get(text);
            if (translated == null) {
                throw new FieldProblem(RejectReason.BAD_VALUE, field, field + " '" + text + "' is not one of "
                        + spec.values().keySet() + " (column " + spec.column() + ")");
            }
            text = translated;
        }
        return spec.prefix() == null ? text : spec.prefix() + text;
    }

    private Object typed(CanonicalTable table, CanonicalField field, String text) {
        return switch (field.type()) {
            case TEXT -> text;
            case DATE -> parsers.date(field.name(), text, fieldDates.get(table).get(field.name()));
            case MONEY -> parsers.money(field.name(), text);
            case DAYS -> parsers.days(field.name(), text);
        };
    }

    private boolean holds(Condition when, Map<String, String> values) {
        String text = values.get(when.column());
        if (when.present() != null) {
            return (text != null) == when.present();
        }
        if (when.equalTo() != null) {
            return when.equalTo().equals(text);
        }
        if (text == null) {
            throw new FieldProblem(RejectReason.MISSING_FIELD, when.column(),
                    when.column() + " is required (a flag) but empty");
        }
        return parsers.flag(when.column(), text) == when.flag();
    }

    private void checkDependentsAgainstSameLineInvoice(Map<CanonicalTable, Object[]> records, List<Row> problems) {
        Object[] invoice = records.get(CanonicalTable.INVOICES);
        if (invoice == null) {
            return;
        }
        CanonicalTable invoices = CanonicalTable.INVOICES;
        Object invoiceId = invoice[invoices.indexOf("invoice_id")];
        LocalDate invoiceDate = (LocalDate) invoice[invoices.indexOf("invoice_date")];
        for (CanonicalTable dependent : List.of(CanonicalTable.PAYMENTS, CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES)) {
            Object[] record = records.get(dependent);
            if (record == null || !invoiceId.equals(record[dependent.indexOf("invoice_id")])) {
                continue;
            }
            String dateField = dependent.dateField().orElseThrow();
            LocalDate date = (LocalDate) record[dependent.indexOf(dateField)];
            if (date.isBefore(invoiceDate)) {
                problems.add(problem(dependent, (String) record[dependent.indexOf(dependent.keyField())],
                        new FieldProblem(RejectReason.BEFORE_INVOICE, dateField, dateField + " " + date
                                + " is before invoice " + invoiceId + "'s invoice_date " + invoiceDate)));
            }
        }
    }

    private Map<String, String> csvValues(String line) {
        if (splitter == null) {
            splitter = new LineSplitter(source.delimiter().charAt(0));
        }
        List<String> fields = splitter.split(line);
        if (fields == null) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null,
                    "unbalanced quotes (records spanning several lines are not supported)");
        }
        if (fields.size() != columns.size()) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null,
                    "row has " + fields.size() + " fields, the header has " + columns.size());
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, Integer> column : columnIndex.entrySet()) {
            values.put(column.getKey(), emptyToNull(fields.get(column.getValue())));
        }
        return values;
    }

    private Map<String, String> jsonValues(String line) {
        if (json == null) {
            json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FieldProblem(RejectReason.MALFORMED_ROW, null, "a JSON Lines row must be one JSON object");
        }
        Map<String, String> values = new HashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            String text;
            if (value.isNull()) {
                text = null;
            } else if (value.isTextual()) {
                text = value.textValue();
            } else if (value.isNumber()) {
                text = value.decimalValue().toPlainString();
            } else if (value.isBoolean()) {
                text = value.asText();
            } else {
                throw new FieldProblem(RejectReason.MALFORMED_ROW, field.getKey(),
                        field.getKey() + " holds a nested object or array; only flat rows are supported");
            }
            values.put(field.getKey(), emptyToNull(text));
        }
        return values;
    }

    private static String emptyToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Row problem(CanonicalTable table, String recordId, FieldProblem p) {
        return RowFactory.create(table == null ? null : table.tableName(), recordId, p.field, p.reason.name(),
                p.getMessage());
    }

    /** The canonical checks on one typed record; they throw the first problem found. */
    static final class RowRules {
        private RowRules() {
        }

        static void check(CanonicalTable table, Object[] record, LocalDate asOf) {
            for (CanonicalField field : table.fields()) {
                Object value = record[table.indexOf(field.name())];
                if (field.type() == FieldType.MONEY && value != null) {
                    BigDecimal amount = (BigDecimal) value;
                    boolean zeroAllowed = field.name().equals("credit_limit");
                    if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0)) {
                        throw new FieldProblem(RejectReason.NON_POSITIVE_AMOUNT, field.name(),
                                field.name() + " " + amount.toPlainString() + " must be "
                                        + (zeroAllowed ? "zero or more" : "greater than zero"));
                    }
                }
                if (field.type() == FieldType.DATE && value != null && asOf != null && !field.name().equals("due_date")
                        && ((LocalDate) value).isAfter(asOf)) {
                    throw new FieldProblem(RejectReason.DATED_AFTER_AS_OF, field.name(),
                            field.name() + " " + value + " is after the as-of date " + asOf);
                }
            }
            switch (table) {
                case INVOICES -> checkInvoice(table, record);
                case ADJUSTMENTS -> record[table.indexOf("kind")] = allowed(table, record, "kind",
                        CanonicalTable.ADJUSTMENT_KINDS);
                case DISPUTES -> {
                    LocalDate opened = (LocalDate) record[table.indexOf("opened_date")];
                    LocalDate resolved = (LocalDate) record[table.indexOf("resolved_date")];
                    if (resolved != null && resolved.isBefore(opened)) {
                        throw new FieldProblem(RejectReason.DATE_ORDER, "resolved_date",
                                "resolved_date " + resolved + " is before opened_date " + opened);
                    }
                }
                default -> {
                }
            }
        }

        private static void checkInvoice(CanonicalTable table, Object[] record) {
            LocalDate issued = (LocalDate) record[table.indexOf("invoice_date")];
            LocalDate due = (LocalDate) record[table.indexOf("due_date")];
            if (due.isBefore(issued)) {
                throw new FieldProblem(RejectReason.DATE_ORDER, "due_date",
                        "due_date " + due + " is before invoice_date " + issued);
            }
            int terms = table.indexOf("terms_days");
            if (record[terms] == null) {
                record[terms] = (int) java.time.temporal.ChronoUnit.DAYS.between(issued, due);
            } else if ((Integer) record[terms] < 0) {
                throw new FieldProblem(RejectReason.BAD_NUMBER, "terms_days", "terms_days " + record[terms]
                        + " is negative");
            }
            int currency = table.indexOf("currency");
            String code = ((String) record[currency]).toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(code).matches()) {
                throw new FieldProblem(RejectReason.BAD_VALUE, "currency",
                        "currency '" + record[currency] + "' is not a three-letter ISO 4217 code");
            }
            record[currency] = code;
            if (record[table.indexOf("billing_channel")] != null) {
                record[table.indexOf("billing_channel")] = allowed(table, record, "billing_channel",
                        CanonicalTable.BILLING_CHANNELS);
            }
        }

        private static String allowed(CanonicalTable table, Object[] record, String field, List<String> allowed) {
            String value = ((String) record[table.indexOf(field)]).toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                throw new FieldProblem(RejectReason.BAD_VALUE, field,
                        field + " '" + record[table.indexOf(field)] + "' is not one of " + allowed);
            }
            return value;
        }
    }
}
