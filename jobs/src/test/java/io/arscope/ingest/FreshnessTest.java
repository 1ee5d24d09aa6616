package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import io.arscope.model.CanonicalTable;
import io.arscope.testing.TestSpark;

/** The freshness check on hand-made tables: only rows dated on or before the as-of date show the export's age. */
class FreshnessTest {

    private static final LocalDate AS_OF = LocalDate.parse("2026-12-31");

    private static Dataset<Row> dated(String column, String... dates) {
        List<Row> rows = new ArrayList<>();
        for (String d : dates) {
            rows.add(RowFactory.create(LocalDate.parse(d)));
        }
        return TestSpark.session().createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField(column, DataTypes.DateType, true))));
    }

    private static Map<CanonicalTable, Dataset<Row>> tables(Dataset<Row> invoices, Dataset<Row> payments) {
        Map<CanonicalTable, Dataset<Row>> tables = new EnumMap<>(CanonicalTable.class);
        tables.put(CanonicalTable.INVOICES, invoices);
        tables.put(CanonicalTable.PAYMENTS, payments);
        return tables;
    }

    @Test
    void aRowDatedAfterTheAsOfDateDoesNotMakeAStaleExportFresh() {
        // The last payment is 2026-10-31, 61 days before 2026-12-31; one payment mistyped as 2062 comes later.
        Freshness f = Freshness.of(tables(dated("invoice_date", "2026-10-02", "2026-10-30"),
                dated("payment_date", "2026-10-31", "2062-10-30")), AS_OF, 7);
        assertEquals(new Freshness("2026-12-31", "2026-10-31", "payments", 61L, 7, 1), f);
        assertTrue(f.stale());
        assertEquals("stale input: the latest dated row is 2026-10-31 (payments), 61 days before the as-of date "
                + "2026-12-31; the limit is 7 days (--max-data-age; for arscope run, max-data-age in its config's "
                + "ingest section); 1 row dated after the as-of date, flagged DATED_AFTER_AS_OF, does not count",
                f.describe());
    }

    @Test
    void oneDayIsSaidInTheSingular() {
        assertEquals("fresh: the latest dated row is 2026-12-30 (invoices), 1 day before the as-of date 2026-12-31; "
                + "the limit is 7 days (--max-data-age; for arscope run, max-data-age in its config's ingest section)",
                new Freshness("2026-12-31", "2026-12-30", "invoices", 1L, 7, 0).describe());
    }

    @Test
    void aRowOnTheAsOfDateCountsAndOnlyLaterOnesAreLeftOut() {
        Freshness f = Freshness.of(tables(dated("invoice_date", "2026-12-31", "2027-01-02", "2027-01-03"),
                dated("payment_date", "2026-12-30")), AS_OF, 7);
        assertEquals(new Freshness("2026-12-31", "2026-12-31", "invoices", 0L, 7, 2), f);
        assertFalse(f.stale());
        Freshness onlyLater = Freshness.of(tables(dated("invoice_date", "2027-01-02"),
                dated("payment_date")), AS_OF, 7);
        assertTrue(onlyLater.stale());
        assertEquals("stale input: no accepted row has a business date on or before 2026-12-31, so nothing shows "
                + "the export is as of it; 1 row dated after the as-of date, flagged DATED_AFTER_AS_OF, does not "
                + "count", onlyLater.describe());
    }

    /**
     * An SAP extract whose last line item is 2025-11-03 beside a rates file kept up to 2025-11-28 is 25 days old on
     * 2025-11-28: it was passed as fresh, "the latest dated row is 2025-11-28 (exchange_rates)".
     */
    @Test
    void exchangeRatesAndActivityDoNotMakeAStaleExtractFresh() {
        Map<CanonicalTable, Dataset<Row>> tables = tables(dated("invoice_date", "2025-10-20"),
                dated("payment_date", "2025-11-03"));
        tables.put(CanonicalTable.EXCHANGE_RATES, dated("rate_date", "2025-11-27", "2025-11-28", "2025-12-01"));
        tables.put(CanonicalTable.CONTACTS, dated("contact_date", "2025-11-28"));
        Freshness f = Freshness.of(tables, LocalDate.parse("2025-11-28"), 7);
        assertEquals(new Freshness("2025-11-28", "2025-11-03", "payments", 25L, 7, 0), f);
        assertTrue(f.stale());
    }
}
