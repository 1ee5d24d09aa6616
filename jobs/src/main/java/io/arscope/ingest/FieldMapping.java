package io.arscope.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.arscope.ingest.mapping.Condition;
import io.arscope.ingest.mapping.DebitCredit;
import io.arscope.ingest.mapping.FieldSpec;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;

/**
 * Applies one source's mapping to a line's values: whether the line is report layout to ignore, whether it is a
 * debit or a credit, whether it produces a record of a target table (the target's condition), and each canonical
 * field's typed value, taken from its column, constant, joined columns, first non-empty column or line number,
 * translated through the field's values table, prefixed, and read in the field's date formats. Every field that cannot be
 * read is reported with its reason code, so a rejected line lists all that is wrong with it.
 */
final class FieldMapping implements Serializable {

    private static final String ISO_DATE = "yyyy-MM-dd";
    /** The field whose sign a source's debit/credit reading sets: the amount of an invoice, payment or adjustment. */
    private static final String SIDED_FIELD = "amount";

    private final SourceSpec source;
    private final ValueParsers parsers;
    private final Map<CanonicalTable, Map<String, List<ValueParsers.DateReader>>> fieldDates = new EnumMap<>(
            CanonicalTable.class);
    /** Each field's {@code extract}, compiled once: by its expression. */
    private final Map<String, java.util.regex.Pattern> extracts = new HashMap<>();

    FieldMapping(SourceSpec source) {
        this.source = source;
        this.parsers = new ValueParsers(source);
        for (Map.Entry<String, TargetSpec> target : source.produces().entrySet()) {
            Map<String, List<ValueParsers.DateReader>> dates = new HashMap<>();
            for (Map.Entry<String, FieldSpec> field : target.getValue().fields().entrySet()) {
                List<String> formats = field.getValue().dateFormats();
                List<ValueParsers.DateReader> readers = formats.isEmpty() ? parsers.sourceDates()
                        : ValueParsers.readers(formats);
                dates.put(field.getKey(), source.isDatabase() ? withIso(readers) : readers);
                if (field.getValue().extract() != null) {
                    extracts.computeIfAbsent(field.getValue().extract(), java.util.regex.Pattern::compile);
                }
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

    /**
     * Every source column the mapping reads, in the mapping's order: each target's field sources then its condition,
     * then the debit/credit column and the ignore condition's.
     */
    List<String> namedColumns() {
        List<String> named = new ArrayList<>();
        for (TargetSpec target : source.produces().values()) {
            for (FieldSpec field : target.fields().values()) {
                addNew(named, field.sourceColumns());
            }
            if (target.when() != null) {
                addNew(named, columnsOf(target.when()));
            }
        }
        if (source.debitCredit() != null) {
            addNew(named, List.of(source.debitCredit().sourceColumn()));
        }
        if (source.ignore() != null) {
            addNew(named, columnsOf(source.ignore()));
        }
        return named;
    }

    private static void addNew(List<String> named, List<String> columns) {
        columns.stream().filter(c -> !named.contains(c)).forEach(named::add);
    }

    private static List<String> columnsOf(Condition c) {
        List<String> columns = new ArrayList<>();
        if (c.column() != null) {
            columns.add(c.column());
        }
        c.children().forEach(nested -> columns.addAll(columnsOf(nested)));
        return columns;
    }

    /** A line's values as the mapping reads them: a text of the source's {@code emptyValues} is empty. */
    SourceRow row(Map<String, String> values, long line) {
        if (source.emptyValues().isEmpty()) {
            return new SourceRow(values, line);
        }
        Map<String, String> read = new HashMap<>(values);
        read.replaceAll((column, text) -> text != null && source.emptyValues().contains(text) ? null : text);
        return new SourceRow(read, line);
    }

    /**
     * Which alternative of the source's {@code ignore} condition the row meets, in words; null when it is a row
     * to map. Throws when the condition cannot be read.
     */
    String ignoredBy(SourceRow row) {
        if (source.ignore() == null) {
            return null;
        }
        for (Condition alternative : source.ignore().alternatives()) {
            if (holds(alternative, row)) {
                return alternative.describe();
            }
        }
        return null;
    }

    /**
     * Whether the row is a debit or a credit, read once; null when the source has no {@code debitCredit}. Throws
     * when the row does not say.
     */
    DebitCredit.Side side(SourceRow row) {
        DebitCredit dc = source.debitCredit();
        if (dc == null || row.side != null) {
            return row.side;
        }
        String text = row.get(dc.sourceColumn());
        if (text == null) {
            throw new FieldProblem(RejectReason.MISSING_FIELD, dc.sourceColumn(), dc.sourceColumn()
                    + " is empty, so the row is neither debit nor credit");
        }
        if (dc.signOf() != null) {
            row.side = parsers.money(dc.signOf(), text).signum() < 0 ? DebitCredit.Side.CREDIT : DebitCredit.Side.DEBIT;
        } else if (text.equals(dc.debit())) {
            row.side = DebitCredit.Side.DEBIT;
        } else if (text.equals(dc.credit())) {
            row.side = DebitCredit.Side.CREDIT;
        } else {
            throw new FieldProblem(RejectReason.BAD_VALUE, dc.column(), dc.column() + " '" + text
                    + "' is neither debit '" + dc.debit() + "' nor credit '" + dc.credit() + "'");
        }
        return row.side;
    }

    /** Whether the row produces a record of {@code target}; throws when its condition cannot be read. */
    boolean produces(TargetSpec target, SourceRow row) {
        return target.when() == null || holds(target.when(), row);
    }

    /**
     * Why a row produces no record ({@link RejectReason#NO_RECORD}), naming what the targets' conditions read and
     * what the row holds there as its field and reason: an SAP line with a posting key no target takes reads "BSCHL
     * is '19' and the mapping reads its amount as a credit", where the reject used to name no field at all.
     */
    FieldProblem noRecord(Collection<TargetSpec> targets, SourceRow row) {
        Set<String> columns = new LinkedHashSet<>();
        boolean side = false;
        for (TargetSpec t : targets) {
            if (t.when() != null) {
                columns.addAll(t.when().columns());
                side |= t.when().readsSide();
            }
        }
        List<String> held = new ArrayList<>();
        for (String c : columns) {
            String v = row.get(c);
            held.add(c + (v == null || v.isEmpty() ? " is empty" : " is '" + v + "'"));
        }
        if (side && row.side != null) {
            held.add("and the mapping reads its amount as a " + row.side.word());
        }
        return new FieldProblem(RejectReason.NO_RECORD, columns.isEmpty() ? null : String.join(", ", columns),
                "the row meets no condition of the mapping, so it produces no record"
                        + (held.isEmpty() ? "" : ": " + String.join(", ", held).replace(", and ", " and ")));
    }

    /**
     * The row's record of {@code table}: its canonical fields in order, then whether it is derived. A field
     * that cannot be read stays null and its problem is added to {@code problems}.
     */
    Object[] record(CanonicalTable table, TargetSpec target, SourceRow row, List<FieldProblem> problems) {
        List<CanonicalField> fields = table.fields();
        Object[] record = new Object[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++) {
            CanonicalField field = fields.get(i);
            FieldSpec spec = target.fields().get(field.name());
            try {
                String text = spec == null ? null : text(spec, row, field.name());
                if (text == null) {
                    if (field.required()) {
                        throw new FieldProblem(RejectReason.MISSING_FIELD, field.name(),
                                field.name() + " is required but empty"
                                        + (spec == null || spec.sourceColumns().isEmpty() ? "" : " (" + spec.origin() + ")"));
                    }
                    continue;
                }
                Object value;
                try {
                    value = typed(table, field, text);
                } catch (FieldProblem p) {
                    throw located(p, target);
                }
                record[i] = field.name().equals(SIDED_FIELD) && source.debitCredit() != null
                        ? magnitude(row, (BigDecimal) value) : value;
            } catch (FieldProblem p) {
                problems.add(p);
            }
        }
        record[fields.size()] = target.derived();
        return record;
    }

    /**
     * {@code p} with where its field was read in the export ("amount 'n/a' is not an amount (column Total)"): the
     * person who fixes the row knows the export's columns, not the canonical names. A field read from a column of
     * its own name, or not read from a column, is named as it was.
     */
    static FieldProblem located(FieldProblem p, TargetSpec target) {
        FieldSpec spec = p.field == null ? null : target.fields().get(p.field);
        if (spec == null || spec.sourceColumns().isEmpty() || spec.sourceColumns().equals(List.of(p.field))) {
            return p;
        }
        return new FieldProblem(p.reason, p.field, p.getMessage() + " (" + spec.origin() + ")");
    }

    /**
     * The amount of a row whose side says its sign: its magnitude. A negative amount is a credit, so on a row that
     * says debit one of the two is wrong, and the row is rejected rather than guessed.
     */
    private BigDecimal magnitude(SourceRow row, BigDecimal amount) {
        if (amount.signum() < 0 && side(row) == DebitCredit.Side.DEBIT) {
            String says = source.debitCredit().sourceColumn();
            throw new FieldProblem(RejectReason.DEBIT_CREDIT_CONFLICT, SIDED_FIELD, SIDED_FIELD + " "
                    + amount.toPlainString() + " is negative, which is a credit, but " + says + " '" + row.get(says)
                    + "' says debit");
        }
        return amount.abs();
    }

    private String text(FieldSpec spec, SourceRow row, String field) {
        String text = read(spec, row, field);
        if (text == null) {
            return spec.ifEmpty();
        }
        if (!spec.values().isEmpty()) {
            String translated = spec.values().get(text);
            if (translated == null) {
                throw new FieldProblem(RejectReason.BAD_VALUE, field, field + " '" + text + "' is not one of "
                        + spec.values().keySet() + " (" + spec.origin() + ")");
            }
            text = translated;
        }
        return spec.prefix() == null ? text : spec.prefix() + text;
    }

    private String read(FieldSpec spec, SourceRow row, String field) {
        if (spec.extract() != null) {
            String text = row.get(spec.column());
            if (text == null) {
                return null;
            }
            java.util.regex.Matcher m = extracts.get(spec.extract()).matcher(text);
            if (!m.find()) {
                return null;
            }
            String part = m.group(m.groupCount() == 1 ? 1 : 0);
            return part == null || part.isBlank() ? null : part.strip();
        }
        if (spec.value() != null) {
            return spec.value();
        }
        if (spec.lineNumber()) {
            return Long.toString(row.line);
        }
        if (spec.firstOf() != null) {
            return spec.firstOf().stream().map(row::get).filter(Objects::nonNull).findFirst().orElse(null);
        }
        if (spec.columns() != null) {
            return joined(spec, row, field);
        }
        return row.get(spec.column());
    }

    /** An id made of several columns; all empty is no value, some empty is an id that cannot be made. */
    private static String joined(FieldSpec spec, SourceRow row, String field) {
        List<String> parts = spec.columns().stream().map(row::get).toList();
        if (parts.stream().allMatch(Objects::isNull)) {
            return null;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == null) {
                throw new FieldProblem(RejectReason.MISSING_FIELD, field, field + " is made of columns "
                        + spec.columns() + ", but " + spec.columns().get(i) + " is empty");
            }
        }
        return String.join(spec.separatorOrDefault(), parts);
    }

    private Object typed(CanonicalTable table, CanonicalField field, String text) {
        return switch (field.type()) {
            case TEXT -> text;
            case DATE -> parsers.date(field.name(), text, fieldDates.get(table).get(field.name()));
            case MONEY -> parsers.money(field.name(), text);
            case DAYS -> parsers.days(field.name(), text);
            case RATE -> parsers.rate(field.name(), text);
        };
    }

    private boolean holds(Condition c, SourceRow row) {
        if (c.all() != null) {
            return c.all().stream().allMatch(nested -> holds(nested, row));
        }
        if (c.any() != null) {
            return c.any().stream().anyMatch(nested -> holds(nested, row));
        }
        if (c.not() != null) {
            return !holds(c.not(), row);
        }
        if (c.debitCredit() != null) {
            return side(row).word().equals(c.debitCredit());
        }
        String text = row.get(c.column());
        if (c.present() != null) {
            return (text != null) == c.present();
        }
        if (c.equalTo() != null) {
            return c.equalTo().equals(text);
        }
        if (c.in() != null) {
            return text != null && c.in().contains(text);
        }
        if (c.startsWith() != null) {
            return text != null && text.startsWith(c.startsWith());
        }
        if (text == null) {
            throw new FieldProblem(RejectReason.MISSING_FIELD, c.column(),
                    c.column() + " is required (a flag) but empty");
        }
        return parsers.flag(c.column(), text) == c.flag();
    }

    /** One line's values as the mapping reads them, its number in its source, and its side once read. */
    static final class SourceRow {
        private final Map<String, String> values;
        private final long line;
        private DebitCredit.Side side;

        SourceRow(Map<String, String> values, long line) {
            this.values = values;
            this.line = line;
        }

        String get(String column) {
            return values.get(column);
        }
    }
}
