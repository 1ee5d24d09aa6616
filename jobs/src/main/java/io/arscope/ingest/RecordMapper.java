package io.arscope.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalTable;

/**
 * Turns one record of an export (a line, or several when a quoted field holds line breaks) into canonical records,
 * following a source's mapping: {@link LineDecoder} makes a file's bytes text, {@link LineReader} reads its values,
 * {@link FieldMapping} makes them typed records, and {@link RowRules} accepts or rejects them. The result is one row
 * of {@link MappedRows#SCHEMA}: the record's canonical records and their oddities, or every problem that rejects it,
 * or the ignore condition it met when it is report layout. A pure function of the record: the same record always
 * maps the same way.
 */
public final class RecordMapper implements Serializable {

    private static final int IGNORED = MappedRows.SCHEMA.fieldIndex(MappedRows.IGNORED);
    private static final int BLANK = MappedRows.SCHEMA.fieldIndex(MappedRows.BLANK);
    /** What a repeated header row is counted as, among the ignored rows. */
    static final String REPEATED_HEADER = "the header repeated (a page header of the report)";

    private final SourceSpec source;
    private final String sourceFile;
    private final LocalDate asOf;
    private final ValueBounds bounds;
    private final LineDecoder decoder;
    private final LineReader lines;
    private final FieldMapping fields;

    /**
     * @param source     the mapping of this kind of file
     * @param sourceFile the file's name as shown in rejects
     * @param columns    the file's column names (its header, or the mapping's list); empty for JSON Lines
     * @param asOf       business dates after this day are rejected; null for no limit
     * @param bounds     dates outside these are rejected
     */
    public RecordMapper(SourceSpec source, String sourceFile, List<String> columns, LocalDate asOf,
            ValueBounds bounds) {
        this.source = source;
        this.sourceFile = sourceFile;
        this.asOf = asOf;
        this.bounds = bounds;
        this.decoder = new LineDecoder(source.encodingOrDefault());
        this.lines = new LineReader(source, columns);
        this.fields = new FieldMapping(source);
    }

    /**
     * Every source column the mapping reads, in the mapping's order: each target's field sources then its condition,
     * then the debit/credit column and the ignore condition's.
     */
    public List<String> namedColumns() {
        return fields.namedColumns();
    }

    /** Source columns the mapping names that the file lacks; empty when the file fits the mapping. */
    public List<String> missingColumns() {
        return lines.missing(fields.namedColumns());
    }

    /** The mapped line as a row of {@link MappedRows#SCHEMA}. */
    public Row map(String line, long lineNumber) {
        return row(line, lineNumber, line.isBlank() ? null : () -> lines.values(line));
    }

    /**
     * The rows of a record: its own, but for one whose quote is never closed, which swallowed every line after it
     * to the end of the file: then a reject for each line it holds, so that the lines count as rejected (and the
     * reject share can stop the run) rather than as one row, and each names its own line.
     */
    List<Row> rows(RecordFramer.Record record) {
        if (!record.quoteLeftOpen()) {
            return List.of(map(record));
        }
        List<byte[]> lines = record.lines();
        if (lines.size() == 1) {
            return List.of(map(record));
        }
        List<Row> out = new ArrayList<>(lines.size());
        FieldProblem opened = new FieldProblem(RejectReason.MALFORMED_ROW, null, "a quote opened in the row is "
                + "never closed, so the row ran on to the end of the file; the lines after it, to line "
                + (record.line() + lines.size() - 1) + ", are rejected with it");
        FieldProblem inside = new FieldProblem(RejectReason.MALFORMED_ROW, null, "inside the quote left open on line "
                + record.line() + ", so never read as a row of its own");
        for (int i = 0; i < lines.size(); i++) {
            long number = record.line() + i;
            String text = decoder.decode(lines.get(i), number).text();
            FieldProblem problem = i == 0 ? opened : inside;
            out.add(i > 0 && text.isBlank() ? row(text, number, null) : row(text, number, () -> {
                throw problem;
            }));
        }
        return out;
    }

    /**
     * A record as the file holds it, bytes in the source's encoding, mapped as its text would be; a record the
     * encoding cannot read is rejected, shown with its unreadable bytes written out, and so is one whose quote is
     * never closed.
     */
    Row map(RecordFramer.Record record) {
        LineDecoder.Decoded decoded = decoder.decode(record.bytes(), record.line());
        FieldProblem problem = record.quoteLeftOpen() ? new FieldProblem(RejectReason.MALFORMED_ROW, null,
                "a quote opened in the row is never closed, so the row runs on to the end of the file (line "
                        + record.lastLine() + ")") : decoded.problem();
        if (problem != null) {
            return row(decoded.text(), record.line(), () -> {
                throw problem;
            });
        }
        return map(decoded.text(), record.line());
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
        return row(raw, rowNumber, () -> LineReader.values(values));
    }

    /** {@code values} is null for a blank line, which is no row; it may throw the row's first problem. */
    private Row row(String raw, long number, Supplier<Map<String, String>> values) {
        Object[] out = new Object[MappedRows.SCHEMA.size()];
        out[0] = sourceFile;
        out[1] = number;
        out[2] = raw;
        out[BLANK] = values == null;
        List<Row> problems = new ArrayList<>();
        List<Row> flags = new ArrayList<>();
        if (values != null) {
            mapRecords(values, number, out, problems, flags);
        }
        if (!problems.isEmpty()) {
            for (int i = 4; i < 4 + CanonicalTable.values().length; i++) {
                out[i] = null;
            }
            // A rejected line's reject names its oddities too, after the faults that reject it.
            problems.addAll(flags);
            flags.clear();
        }
        // Spark reads array values of a Row as Scala sequences.
        out[out.length - 2] = scala.collection.JavaConverters.asScalaBuffer(problems).toList();
        out[out.length - 1] = scala.collection.JavaConverters.asScalaBuffer(flags).toList();
        return RowFactory.create(out);
    }

    private void mapRecords(Supplier<Map<String, String>> read, long number, Object[] out, List<Row> problems,
            List<Row> flags) {
        FieldMapping.SourceRow row;
        try {
            Map<String, String> values = read.get();
            // A spreadsheet saves a formatted empty row as ";;;;": a blank line, not a row missing every field.
            if (values.values().stream().allMatch(v -> v == null || v.isBlank())) {
                out[BLANK] = true;
                return;
            }
            // A report's page header repeated inside the file is layout, as the mapping's ignore rows are.
            if (lines.repeatsHeader(values)) {
                out[IGNORED] = REPEATED_HEADER;
                return;
            }
            row = fields.row(values, number);
            String ignoredBy = fields.ignoredBy(row);
            if (ignoredBy != null) {
                out[IGNORED] = ignoredBy;
                return;
            }
            // A row of a source with a debit/credit reading must say which it is, whatever it produces.
            fields.side(row);
        } catch (FieldProblem p) {
            problems.add(problem(null, null, p));
            return;
        }
        Map<CanonicalTable, Object[]> records = new EnumMap<>(CanonicalTable.class);
        for (Map.Entry<String, TargetSpec> entry : source.produces().entrySet()) {
            CanonicalTable table = CanonicalTable.byName(entry.getKey());
            TargetSpec target = entry.getValue();
            try {
                if (!fields.produces(target, row)) {
                    continue;
                }
            } catch (FieldProblem p) {
                problems.add(problem(table, null, p));
                continue;
            }
            List<FieldProblem> found = new ArrayList<>();
            Object[] record = fields.record(table, target, row, found);
            List<FieldProblem> oddities = List.of();
            if (found.isEmpty()) {
                try {
                    oddities = RowRules.check(table, record, asOf, bounds);
                } catch (FieldProblem p) {
                    found.add(FieldMapping.located(p, target));
                }
            }
            // Every problem of a record names it, when its key could be read.
            for (FieldProblem p : found) {
                problems.add(problem(table, key(table, record), p));
            }
            for (FieldProblem p : oddities) {
                flags.add(problem(table, key(table, record), FieldMapping.located(p, target)));
            }
            if (found.isEmpty()) {
                records.put(table, record);
                out[4 + table.ordinal()] = RowFactory.create(record);
            }
        }
        RowRules.datedBeforeSameLineInvoice(records)
                .forEach((table, p) -> flags.add(problem(table, key(table, records.get(table)), p)));
        if (records.isEmpty() && problems.isEmpty()) {
            problems.add(problem(null, null, fields.noRecord(source.produces().values(), row)));
        }
    }

    /** The record's key as text: its key fields' values joined by a space (EUR 2024-01-31), null if one is missing. */
    private static String key(CanonicalTable table, Object[] record) {
        List<String> parts = new ArrayList<>();
        for (String field : table.keyFields()) {
            Object value = record[table.indexOf(field)];
            if (value == null) {
                return null;
            }
            parts.add(value.toString());
        }
        return String.join(" ", parts);
    }

    private static Row problem(CanonicalTable table, String recordId, FieldProblem p) {
        return RowFactory.create(table == null ? null : table.tableName(), recordId, p.field, p.reason.name(),
                p.getMessage());
    }
}
