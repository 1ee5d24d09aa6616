package io.arscope.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.arscope.ingest.mapping.Condition;
import io.arscope.ingest.mapping.FieldSpec;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;

/**
 * Applies one source's mapping to a line's values: whether the line produces a record of a target table (the
 * target's condition), and each canonical field's typed value, taken from its column or constant, translated
 * through the field's values table, prefixed, and read in the field's date formats. Every field that cannot be
 * read is reported with its reason code, so a rejected line lists all that is wrong with it.
 */
final class FieldMapping implements Serializable {

    private static final String ISO_DATE = "yyyy-MM-dd";

    private final SourceSpec source;
    private final ValueParsers parsers;
    private final Map<CanonicalTable, Map<String, List<ValueParsers.DateReader>>> fieldDates = new EnumMap<>(
            CanonicalTable.class);

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
    List<String> namedColumns() {
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

    /** Whether the line produces a record of {@code target}; throws when its condition cannot be read. */
    boolean produces(TargetSpec target, Map<String, String> values) {
        return target.when() == null || holds(target.when(), values);
    }

    /**
     * The line's record of {@code table}: its canonical fields in order, then whether it is derived. A field
     * that cannot be read stays null and its problem is added to {@code problems}.
     */
    Object[] record(CanonicalTable table, TargetSpec target, Map<String, String> values, List<FieldProblem> problems) {
        List<CanonicalField> fields = table.fields();
        Object[] record = new Object[fields.size() + 1];
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
            } catch (FieldProblem p) {
                problems.add(p);
            }
        }
        record[fields.size()] = target.derived();
        return record;
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
            case RATE -> parsers.rate(field.name(), text);
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
}
