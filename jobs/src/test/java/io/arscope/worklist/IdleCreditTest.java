package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.risk.RiskScoring;
import io.arscope.testing.TestSpark;

/**
 * NetSuite audit: three customers held unapplied cash (12,000.00, 2,500.00 and 13,943.84) and nothing open, and
 * were on no page, since a worklist row is an open invoice. By hand: C1 has an open invoice (its credit is applied
 * on its row); C2 holds 2,500.00 and nothing open; C3 13,943.84, no collector; C4 has nothing at all.
 */
class IdleCreditTest {

    @Test
    void customersWithCreditAndNothingOpenAreListedLargestFirst() {
        SparkSession spark = TestSpark.session();
        List<IdleCredit.Line> lines = IdleCredit.of(spark.createDataFrame(List.of(
                        RowFactory.create("C1", "One", "ana", d("2025-03-01"), new BigDecimal("600.00")),
                        RowFactory.create("C2", "Vandelay", "ana", d("2024-11-14"), new BigDecimal("2500.00")),
                        RowFactory.create("C3", "Massive Dynamic", null, null, new BigDecimal("13943.84")),
                        RowFactory.create("C4", "Four", "bob", null, WorklistTest.NO_CREDIT)), WorklistTest.CUSTOMERS),
                spark.createDataFrame(List.of(WorklistTest.score("I1", "C1", 30, "1000.00", 0.5, "medium")),
                        RiskScoring.SCHEMA));
        assertEquals(List.of(
                new IdleCredit.Line("unassigned", "C3", "Massive Dynamic", new BigDecimal("13943.84"), null),
                new IdleCredit.Line("ana", "C2", "Vandelay", new BigDecimal("2500.00"), d("2024-11-14"))), lines);
    }

    @Test
    void theTeamPageListsThemWithTheirTotal() {
        LocalDate asOf = LocalDate.of(2025, 3, 31);
        String page = TeamPage.render(TeamView.of(List.of(), WorklistConfig.DEFAULT), Map.of(), asOf,
                WorklistConfig.DEFAULT, "USD", null, null, null, CollectorNames.NONE, List.of(
                        new IdleCredit.Line("unassigned", "C3", "Massive <Dynamic>", new BigDecimal("13943.84"), null),
                        new IdleCredit.Line("ana", "C2", "Vandelay", new BigDecimal("2500.00"), d("2024-11-14"))));
        assertTrue(page.contains("<p>2 customers, <strong>USD 16,443.84</strong> in all.</p>"), page);
        assertTrue(page.contains("<tr><td>Massive &lt;Dynamic&gt; (C3)</td><td>unassigned</td><td class=\"num\">"
                + "USD 13,943.84</td><td>none</td></tr>"), page);
        assertTrue(page.contains("<tr><td>Vandelay (C2)</td><td>ana</td><td class=\"num\">USD 2,500.00</td>"
                + "<td>2024-11-14</td></tr>"), page);
        assertTrue(TeamPage.render(TeamView.of(List.of(), WorklistConfig.DEFAULT), Map.of(), asOf,
                WorklistConfig.DEFAULT, "USD", null).contains("<p>No customer holds credit with nothing open.</p>"));
    }

    /**
     * The team tables hold the same lines as {@code worklist-idle-credit}, typed and in the reporting currency; a
     * name that reads as a formula is quoted for a spreadsheet.
     */
    @Test
    void theyAreATableToo() throws Exception {
        java.nio.file.Path out = dir.resolve("out");
        SparkSession spark = TestSpark.session();
        // No open invoice at all: the team tables read the worklist's customer rows.
        io.arscope.run.OutputFiles.writeTable(spark, WorklistTables.CUSTOMERS.frame(spark, List.of()), out.toString(),
                WorklistTables.CUSTOMERS.name());
        TeamTables.Counts counts = TeamTables.write(spark, out.toString(), WorklistTest.AS_OF,
                HandMadeWorklist.CONFIG, null, null, null, CollectorNames.NONE, List.of(
                        new IdleCredit.Line("unassigned", "C8", "=Massive", new BigDecimal("13943.84"), null),
                        new IdleCredit.Line("ana", "C9", "Vandelay", new BigDecimal("2500.00"), d("2024-11-14"))),
                "USD");
        assertEquals(2, counts.idleCredit());
        assertEquals(List.of("as_of,collector,customer_id,customer_name,on_account_credit,last_payment_date,currency",
                        WorklistTest.AS_OF + ",unassigned,C8,\"'=Massive\",13943.84,,USD",
                        WorklistTest.AS_OF + ",ana,C9,Vandelay,2500.00,2024-11-14,USD"),
                java.nio.file.Files.readAllLines(out.resolve(TeamTables.IDLE_CREDIT.name() + ".csv")));
        assertEquals(List.of("C8 13943.84", "C9 2500.00"), TeamTables.IDLE_CREDIT.read(spark,
                out.toString()).collectAsList().stream().map(r -> WorklistTables.CUSTOMER_ID.of(r) + " "
                        + WorklistTables.ON_ACCOUNT_CREDIT.of(r)).toList());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
}
