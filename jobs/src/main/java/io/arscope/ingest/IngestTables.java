package io.arscope.ingest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.ledger.ReceivablesLedger;

/**
 * What the ingest job writes, declared once: the canonical tables (their columns are the canonical model's,
 * {@link io.arscope.model.CanonicalTable}), the rejects, the reconciliation and the run manifest's records.
 */
public final class IngestTables {

    public static final String CANONICAL_DIR = ReceivablesLedger.CANONICAL;
    public static final String REJECTS = "rejects";
    public static final String REJECTS_CSV = "rejects.csv";
    public static final String RECONCILIATION_CSV = "reconciliation.csv";
    public static final String MANIFEST = "ingest-run.json";

    /** The options of an ingest run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String mapping, String mappingSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) String databaseUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String databaseUser, String output, String asOf,
            String earliestDate, String latestDate, double maxRejectShare) {
    }

    /**
     * One source file's rows: read = accepted + rejected + ignored, ignored rows being report layout; blank lines
     * are not rows.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileInput(long read, long accepted, long rejected, long blankLines,
            Map<String, Long> rejectedByReason, Map<String, Long> ignoredBy) {
    }

    private IngestTables() {
    }
}
