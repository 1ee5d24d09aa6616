package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.AgingBuckets;
import io.arscope.risk.RiskScoring;
import io.arscope.testing.TestSpark;

/**
 * The files of a worklist whose export is hostile: collectors whose names share letters but not characters
 * ({@code zoë}, {@code zoé}, and {@code zoë} with its diaeresis as a separate mark), one of 300 characters, one
 * named as the team page is ({@code team}) and one starting with a dot;
 * customers and invoices named like formulas, Markdown or HTML. Each collector gets its own CSV and page, the
 * CSVs are safe to open in a spreadsheet and the pages show every name as the characters it is.
 *
 * <p>Priority = open x probability x urgency, urgency 0.5 before due, else min(4, 1 + days past due / 30):
 * =1+1 1000 x 0.5 x 2 = 1000.00; +1 200 x 0.7 x 0.5 = 70.00; @SUM(A1) 500 x 0.8 x 4 = 1600.00; -2 1070 x 0.4 x 2.5
 * = 1070.00; tab-x 300 x 0.2 x 7/6 = 70.00; CR-x (disputed) 6000 x 0.9 x 4 = 21600.00.
 */
class WorklistFilesTest {

    private static final LocalDate AS_OF = WorklistTest.AS_OF;
    private static final WorklistConfig CONFIG = new WorklistConfig(2, 1, 0.5, 30, 4.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT).withHorizonDays(UnpaidAtHorizon.NONE);
    private static final String ZOE_NFC = "zo\u00eb";
    private static final String ZOE_ACUTE = "zo\u00e9";
    private static final String ZOE_NFD = Normalizer.normalize(ZOE_NFC, Normalizer.Form.NFD);
    private static final String LONG = "a".repeat(300);
    /** The long name's file: cut to 100 bytes, then the first 8 hex of its SHA-256 (printf a...a | sha256sum). */
    private static final String LONG_FILE = "a".repeat(100) + "~9835fa6b";
    private static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";
    private static final String HEADER = "as_of,collector,queue,customer_rank,in_today,invoice_rank,customer_id,"
            + "customer_name,invoice_id,invoice_date,due_date,currency,amount,open_amount,covered_by_credit,days_past_due,"
            + "aging_bucket,"
            + "probability_late,expected_days_late,expected_days_to_pay,days_to_pay_basis,days_to_pay_invoices,days_to_pay_closed_unpaid,risk_band,"
            + "priority_value,action_code,"
            + "next_action,action_severity,dispute_opened,dispute_reason,payment_reversed_on,reversed_amount,last_payment_date,reason_1,reason_2,reason_3,"
            + "last_contact_date,last_contact_channel,last_contact_outcome,days_since_contact,promise_status,promise_date,promise_amount,promised_by,plan_instalment_due,plan_instalment_status,plan_instalment_amount,cooling_off";

    @TempDir
    static Path dir;
    private static Path out;

    @BeforeAll
    static void write() throws Exception {
        SparkSession spark = TestSpark.session();
        List<Row> scores = List.of(
                WorklistTest.score("=1+1", "C1", 30, "1000.00", 0.5, "medium"),
                WorklistTest.score("+1", "C2", -3, "200.00", 0.7, "high"),
                WorklistTest.score("@SUM(A1)", "C3", 95, "500.00", 0.8, "high"),
                WorklistTest.score("-2", "C4", 45, "1070.00", 0.4, "medium"),
                WorklistTest.score("\tx", "C5", 5, "300.00", 0.2, "low"),
                WorklistTest.score("\rx", "C6", 100, "6000.00", 0.9, "high"),
                WorklistTest.score("I7", "C7", 30, "600.00", 0.5, "medium"),
                WorklistTest.score("I8", "C8", 30, "800.00", 0.5, "medium"));
        List<Row> customers = List.of(
                RowFactory.create("C1", HYPERLINK, ZOE_NFC, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C2", "[click](http://evil)", ZOE_NFC, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C3", "*bold*", ZOE_ACUTE, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C4", "a\\|b", ZOE_ACUTE, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C5", "<script>alert(1)</script>", LONG, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C6", "line1\nline2", ZOE_NFD, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C7", "Seven", "team", d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C8", "Eight", ".hidden", d("2025-03-01"), WorklistTest.NO_CREDIT));
        out = dir.resolve("out");
        WorklistJob.write(spark, spark.createDataFrame(scores, RiskScoring.SCHEMA),
                spark.createDataFrame(customers, WorklistTest.CUSTOMERS),
                spark.createDataFrame(List.of(RowFactory.create("\rx", d("2025-03-01"), "pricing", null, null)),
                        WorklistTest.DISPUTES),
                WorklistTest.noPaidHistory(spark), CONFIG, out.toString(),
                new WorklistJob.ScoreSource("in", null, "model", "sha", null, null), AS_OF, Instant.now());
    }

    private static Set<String> files(String folder) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve(folder))) {
            return Set.copyOf(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).toList());
        }
    }

    @Test
    void everyCollectorHasItsOwnFilesWhateverItsName() throws Exception {
        // team beside the team page, and .hidden, get their hashes (printf team | sha256sum).
        assertEquals(Set.of("zo\u00eb.csv", "zo\u00e9.csv", "zo\u00eb~4cabdb66.csv", LONG_FILE + ".csv",
                "team~ca8b22d0.csv", "_.hidden~16924190.csv"), files(WorklistTables.BY_COLLECTOR));
        assertEquals(Set.of("zo\u00eb.md", "zo\u00e9.md", "zo\u00eb~4cabdb66.md", LONG_FILE + ".md",
                "team~ca8b22d0.md", "_.hidden~16924190.md"), files(WorklistTables.SUMMARIES));
        assertEquals(Set.of("zo\u00eb.html", "zo\u00e9.html", "zo\u00eb~4cabdb66.html", LONG_FILE + ".html",
                "team~ca8b22d0.html", "_.hidden~16924190.html"), files(WorklistTables.PAGES));
        // Sheets in Spark's order of the names' bytes; the long name cut to 22 letters and hashed.
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out.resolve(WorklistTables.WORKBOOK)))) {
            List<String> sheets = new ArrayList<>();
            book.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertEquals(List.of("_hidden~16924190", "a".repeat(22) + "~9835fa6b", "team", "zo\u00eb~4cabdb66",
                    "zo\u00e9", "zo\u00eb"), sheets);
        }
    }

    @Test
    void eachCollectorsCsvHoldsItsOwnRowsInRankOrderSafeForASpreadsheet() throws Exception {
        assertEquals(HEADER + "\n"
                + "2025-03-31,zo\u00eb,collect,1,true,1,C1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'=1+1\","
                + "2025-01-30,2025-03-01,USD,1000.00,1000.00,0.00,30,1-30,0.5,3.0,,no_history,,0,medium,1000.00,call,Call the customer,4,,,,,"
                + "2025-03-01,why =1+1,,,,,,,,,,,,,,false\n"
                + "2025-03-31,zo\u00eb,collect,2,true,1,C2,[click](http://evil),\"'+1\",2025-03-04,2025-04-03,USD,200.00,"
                + "200.00,0.00,-3,current,0.7,3.0,6,model,,,high,70.00,pre_due_reminder,"
                + "Send a courtesy reminder before the due date,1,,,,,2025-03-01,"
                + "why +1,,,,,,,,,,,,,,false\n",
                Files.readString(out.resolve("by-collector/zo\u00eb.csv")));
        assertEquals(HEADER + "\n"
                + "2025-03-31,zo\u00e9,collect,1,true,1,C3,*bold*,\"'@SUM(A1)\",2024-11-26,2024-12-26,USD,500.00,500.00,0.00,"
                + "95,91+,0.8,3.0,,no_history,,0,high,1600.00,final_notice,Call and send a final notice; hold further credit,8,,,,,"
                + "2025-03-01,why @SUM(A1),,,,,,,,,,,,,,false\n"
                + "2025-03-31,zo\u00e9,collect,2,true,1,C4,a\\|b,\"'-2\",2025-01-15,2025-02-14,USD,1070.00,1070.00,0.00,45,"
                + "31-60,0.4,3.0,,no_history,,0,medium,1070.00,payment_plan,Offer a payment plan or escalate to the account owner,"
                + "5,,,,,2025-03-01,why -2,,,,,,,,,,,,,,false\n",
                Files.readString(out.resolve("by-collector/zo\u00e9.csv")));
        assertEquals(HEADER + "\n"
                + "2025-03-31," + LONG + ",collect,1,true,1,C5,<script>alert(1)</script>,\"'\tx\",2025-02-24,"
                + "2025-03-26,USD,300.00,300.00,0.00,5,1-30,0.2,3.0,,no_history,,0,low,70.00,polite_reminder,"
                + "Send a polite reminder,2,,,,,2025-03-01,why \tx,,,,,,,,,,,,,,false\n",
                Files.readString(out.resolve("by-collector/" + LONG_FILE + ".csv")));
        assertEquals(HEADER + "\n"
                + "2025-03-31," + ZOE_NFD + ",dispute,1,true,1,C6,\"line1\nline2\",\"'\rx\",2024-11-21,2024-12-21,"
                + "USD,6000.00,6000.00,0.00,100,91+,0.9,3.0,,no_history,,0,high,21600.00,resolve_dispute,"
                + "Resolve the dispute (pricing); dunning paused,10,2025-03-01,pricing,,,2025-03-01,\"why \rx\",,,,,,,,,,,,,,false\n",
                Files.readString(out.resolve("by-collector/zo\u00eb~4cabdb66.csv")));
    }

    @Test
    void theCustomerListIsSafeForASpreadsheetAndTheParquetKeepsTheNames() throws Exception {
        assertEquals("as_of,collector,queue,customer_rank,in_today,customer_id,customer_name,currency,open_invoices,"
                + "open_amount,overdue_amount,on_account_credit,net_balance,max_days_past_due,oldest_bucket,probability_late,expected_days_late,"
                + "expected_days_to_pay,days_to_pay_basis,days_to_pay_invoices,days_to_pay_closed_unpaid,priority_value,action_code,next_action,top_invoice_id,reason_1,reason_2,"
                + "reason_3,oldest_dispute_opened,last_payment_date,"
                + "last_contact_date,last_contact_channel,last_contact_outcome,days_since_contact,promise_status,promise_date,promise_amount,plan_instalment_due,plan_instalment_status,plan_instalment_amount,cooling_off,billed_currency,billed_open_amount,billed_overdue_amount\n"
                + "2025-03-31,.hidden,collect,1,true,C8,Eight,USD,1,800.00,800.00,0.00,800.00,30,1-30,0.5,3.0,,"
                + "no_history,,0,800.00,call,Call the customer,I8,why I8,,,,2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31," + LONG + ",collect,1,true,C5,<script>alert(1)</script>,USD,1,300.00,300.00,0.00,300.00,5,1-30,"
                + "0.2,3.0,,no_history,,0,70.00,polite_reminder,Send a polite reminder,\"'\tx\",why \tx,,,,2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31,team,collect,1,true,C7,Seven,USD,1,600.00,600.00,0.00,600.00,30,1-30,0.5,3.0,,"
                + "no_history,,0,600.00,call,Call the customer,I7,why I7,,,,2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31," + ZOE_NFD + ",dispute,1,true,C6,\"line1\nline2\",USD,1,6000.00,6000.00,0.00,6000.00,100,91+,0.9,"
                + "3.0,,no_history,,0,21600.00,resolve_dispute,Resolve the dispute (pricing); dunning paused,\"'\rx\",\"why \rx\","
                + ",,2025-03-01,2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31,zo\u00e9,collect,1,true,C3,*bold*,USD,1,500.00,500.00,0.00,500.00,95,91+,0.8,3.0,,no_history,,0,1600.00,"
                + "final_notice,Call and send a final notice; hold further credit,\"'@SUM(A1)\",why @SUM(A1),,,,"
                + "2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31,zo\u00e9,collect,2,true,C4,a\\|b,USD,1,1070.00,1070.00,0.00,1070.00,45,31-60,0.4,3.0,,no_history,,0,1070.00,"
                + "payment_plan,Offer a payment plan or escalate to the account owner,\"'-2\",why -2,,,,"
                + "2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31,zo\u00eb,collect,1,true,C1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",USD,1,1000.00,"
                + "1000.00,0.00,1000.00,30,1-30,0.5,3.0,,no_history,,0,1000.00,call,Call the customer,\"'=1+1\",why =1+1,,,,2025-03-01,,,,,,,,,,,false,,,\n"
                + "2025-03-31,zo\u00eb,collect,2,true,C2,[click](http://evil),USD,1,200.00,0.00,0.00,200.00,-3,current,0.7,3.0,6,"
                + "model,,,70.00,pre_due_reminder,Send a courtesy reminder before the due date,\"'+1\",why +1,,,,2025-03-01,,,,,,,,,,,false,,,\n",
                Files.readString(out.resolve(WorklistTables.CUSTOMERS.name() + ".csv")));
        assertEquals(List.of(HYPERLINK + " =1+1", "[click](http://evil) +1"), TestSpark.session().read()
                .parquet(out.resolve(WorklistTables.INVOICES.name()).toString()).filter("collector = '" + ZOE_NFC + "'")
                .orderBy("customer_rank").collectAsList().stream()
                .map(r -> r.getAs("customer_name") + " " + r.getAs("invoice_id")).toList());
    }

    @Test
    void thePagesShowEveryNameAsTheCharactersItIs() throws Exception {
        assertEquals("""
                # Worklist for zo\u00eb, 2025-03-31

                Today: **2 customers** to contact (capacity 2), touching **USD 1,200.00** open, of which \
                **USD 1,000.00** overdue. Disputes to work: **0 customers**.

                ## Collection queue, today

                | # | Customer | Open | Overdue | Oldest | Outlook | Next action | Why |
                |---:|---|---:|---:|---|---|---|---|
                | 1 | =HYPERLINK("http\\://x","y") (C1) | USD 1,000.00 | USD 1,000.00 | 1-30 (30 days) | \
                30 days late; no invoice in the history was paid after being as late | Call the customer | why =1+1 |
                | 2 | \\[click\\](http\\://evil) (C2) | USD 200.00 | USD 0.00 | current (due in 3 days) | \
                70% risk of paying late; payment expected in 6 days | Send a courtesy reminder before the due date | why +1 |

                ## Dispute queue, today

                Nothing today.

                ## Not reached today

                - Collection: 0 customers with an action due.
                - Disputes: 0 customers.
                - No action due yet (no step of the dunning strategy applies): 0 customers.
                """, Files.readString(out.resolve("summaries/zo\u00eb.md")));
        String acute = Files.readString(out.resolve("summaries/zo\u00e9.md"));
        assertEquals(List.of(
                "| 1 | \\*bold\\* (C3) | USD 500.00 | USD 500.00 | 91+ (95 days) | 95 days late; no invoice in "
                        + "the history was paid after being as late | Call and send a final notice; hold further credit | why @SUM(A1) |",
                "| 2 | a\\\\\\|b (C4) | USD 1,070.00 | USD 1,070.00 | 31-60 (45 days) | 45 days late; no invoice in "
                        + "the history was paid after being as late | Offer a payment plan or escalate to the account owner | why -2 |"),
                acute.lines().filter(l -> l.startsWith("| 1 ") || l.startsWith("| 2 ")).toList());
        String script = Files.readString(out.resolve("summaries/" + LONG_FILE + ".md"));
        assertEquals("# Worklist for " + LONG + ", 2025-03-31", script.lines().findFirst().orElseThrow());
        assertEquals(List.of("| 1 | &lt;script&gt;alert(1)&lt;/script&gt; (C5) | USD 300.00 | USD 300.00 | 1-30 "
                + "(5 days) | 5 days late; no invoice in the history was paid after being as late | Send a polite reminder | why \tx |"),
                script.lines().filter(l -> l.startsWith("| 1 ")).toList());
        String lines = Files.readString(out.resolve("summaries/zo\u00eb~4cabdb66.md"));
        assertEquals("# Worklist for " + ZOE_NFD + ", 2025-03-31", lines.lines().findFirst().orElseThrow());
        assertEquals(List.of("| 1 | line1 line2 (C6) | USD 6,000.00 | USD 6,000.00 | 91+ (100 days) | 100 days late; "
                + "no invoice in the history was paid after being as late | 2025-03-01 | Resolve the dispute (pricing); dunning paused | "
                + "why  x |"),
                lines.lines().filter(l -> l.startsWith("| 1 ")).toList());
    }
}
