package io.arscope.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.model.CanonicalTable;

/**
 * The layout of one mapped input line, as {@link RecordMapper} produces it and the checks downstream read it:
 * where it came from, one nullable record column per canonical table, which ignore condition it met if it is
 * report layout, the problems that reject it, and the flaggable oddities its records have ({@link QualityPolicy}
 * decides later whether they flag or reject). A line with any problem carries no records and no flags, its
 * oddities being listed after its problems: a row is accepted or rejected whole; an ignored line carries neither
 * records, problems nor flags.
 */
public final class MappedRows {
    public static final String SOURCE_FILE = "source_file";
    public static final String LINE = "line";
    public static final String RAW = "raw";
    public static final String BLANK = "blank";
    /** Which alternative of its source's {@code ignore} condition a report-layout line met; null for a row mapped. */
    public static final String IGNORED = "ignored";
    public static final String PROBLEMS = "problems";
    /** The line's flaggable oddities, each naming its table and record, as {@link #PROBLEM}s. */
    public static final String FLAGS = "flags";
    /** Inside each record: whether it was read off another table's row (see TargetSpec#derived). */
    public static final String DERIVED = "_derived";

    public static final StructType PROBLEM = DataTypes.createStructType(List.of(
            DataTypes.createStructField("table", DataTypes.StringType, true),
            DataTypes.createStructField("record_id", DataTypes.StringType, true),
            DataTypes.createStructField("field", DataTypes.StringType, true),
            DataTypes.createStructField("reason_code", DataTypes.StringType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, false)));

    public static final StructType SCHEMA = schema();

    private MappedRows() {
    }

    /** A table's record struct: its canonical fields, then {@link #DERIVED}. */
    public static StructType recordSchema(CanonicalTable table) {
        return table.schema().add(DERIVED, DataTypes.BooleanType, false);
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(BLANK, DataTypes.BooleanType, false));
        for (CanonicalTable table : CanonicalTable.values()) {
            fields.add(DataTypes.createStructField(table.tableName(), recordSchema(table), true));
        }
        fields.add(DataTypes.createStructField(IGNORED, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(PROBLEMS, DataTypes.createArrayType(PROBLEM, false), false));
        fields.add(DataTypes.createStructField(FLAGS, DataTypes.createArrayType(PROBLEM, false), false));
        return DataTypes.createStructType(fields);
    }
}
