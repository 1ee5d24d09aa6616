package io.arscope.ingest;

import static io.arscope.job.Column.count;
import static io.arscope.job.Column.text;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;
import io.arscope.ledger.ReceivablesLedger;

/**
 * What the ingest job writes, declared once: the canonical tables (their columns are the canonical model's,
 * {@link io.arscope.model.CanonicalTable}, and its quality flags), the rejects, the reconciliation, the data-quality
 * table by rule and the run manifest's records.
 */
public final class IngestTables {

    public static final String CANONICAL_DIR = ReceivablesLedger.CANONICAL;
    public static final String REJECTS = "rejects";
    public static final String REJECTS_CSV = "rejects.csv";
    public static final String RECONCILIATION_CSV = "reconciliation.csv";
    public static final String MANIFEST = ReceivablesLedger.INGEST_MANIFEST;

    public static final Column<String> CODE = text("code").required();
    public static final Column<String> ACTION = text("action").required();
    public static final Column<String> TABLE = text("table");
    public static final Column<Long> ROWS = count("rows").required();
    public static final Column<String> EXAMPLES = text("examples").required();
    /** Per rule some row broke and per table: its action, the rows it rejected or flagged, a few of them. */
    public static final OutputTable DATA_QUALITY = OutputTable.of("data_quality", CODE, ACTION, TABLE, ROWS, EXAMPLES)
            .keyedBy(CODE, TABLE);

    /**
     * The options of an ingest run, as its manifest records them; merging into a lake, the lake and what the merge
     * of each table did ({@code lake_loads}: the table's version after it, records inserted and replaced); the
     * currency the mapping gives every invoice when the export names none ({@link Mapping#invoiceCurrencySet}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String mapping, String mappingSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) String databaseUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String databaseUser, String output, String asOf,
            String earliestDate, String latestDate, double maxRejectShare, Map<String, String> quality,
            @JsonInclude(JsonInclude.Include.NON_NULL) Freshness freshness,
            @JsonInclude(JsonInclude.Include.NON_NULL) String lake,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, LakeTables.TableLoad> lakeLoads,
            @JsonInclude(JsonInclude.Include.NON_NULL) String invoiceCurrencySetByMapping) {
    }

    /**
     * One source file's rows: read = accepted + rejected + ignored, flagged of them accepted, ignored rows being
     * report layout; blank lines are not rows.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileInput(long read, long accepted, long flagged, long rejected, long blankLines,
            Map<String, Long> rejectedByReason, Map<String, Long> flaggedByRule, Map<String, Long> ignoredBy) {
    }

    private IngestTables() {
    }
}
