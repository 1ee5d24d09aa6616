package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * The files a collector opens, from {@link HandMadeWorklist}: the workbook read back with POI (sheet names, cell
 * types, formats and values, frozen header, filters), and the pages' HTML, exact where names are hostile.
 */
@Tag("integration")
class WorklistForPeopleTest {

    private static final String INVOICE_HEAD = "<table class=\"invoices\"><thead><tr><th>Invoice</th>"
            + "<th>Invoice date</th><th>Due date</th><th class=\"num\">Amount</th><th class=\"num\">Open</th>"
            + "<th class=\"num\">Days past due</th><th>Outlook</th><th class=\"num\">Priority</th>"
            + "<th>Next action</th><th>Why</th></tr></thead><tbody>";

    @TempDir
    static Path dir;
    private static Path out;
    private static XSSFWorkbook book;

    @BeforeAll
    static void write() throws Exception {
        out = dir.resolve("out");
        HandMadeWorklist.write(out);
        try (InputStream in = Files.newInputStream(out.resolve(WorklistTables.WORKBOOK))) {
            book = new XSSFWorkbook(in);
        }
    }

    @AfterAll
    static void close() throws Exception {
        book.close();
    }

    /** A row as Excel shows its cells, a missing cell as null. */
    private static List<String> shown(XSSFRow row) {
        DataFormatter format = new DataFormatter();
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < WorklistWorkbook.COLUMNS.size(); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? null : format.formatCellValue(cell));
        }
        return cells;
    }

    /** Expected cells, null where there is no cell. */
    private static List<String> cells(String... shown) {
        return Arrays.asList(shown);
    }

    @Test
    void theSameWorklistWritesTheSameWorkbookBytes() throws Exception {
        // A resumed run is checked byte for byte against a clean one; POI alone stamps the clock into the file.
        Path again = dir.resolve("again");
        Thread.sleep(2100); // past the 2-second resolution of a zip entry's time
        HandMadeWorklist.write(again);
        assertArrayEquals(Files.readAllBytes(out.resolve(WorklistTables.WORKBOOK)),
                Files.readAllBytes(again.resolve(WorklistTables.WORKBOOK)));
        assertEquals(Date.from(WorklistTest.AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant()),
                book.getProperties().getCoreProperties().getCreated());
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(out.resolve(WorklistTables.WORKBOOK)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertEquals(WorklistTest.AS_OF.atStartOfDay(), e.getTimeLocal(), e.getName());
            }
        }
    }

    @Test
    void aSheetPerCollectorNamedSafelyWithAFrozenFilteredHeader() {
        // Spark orders the collectors by their bytes: 'N' before 'a'.
        assertEquals(2, book.getNumberOfSheets());
        assertEquals(HandMadeWorklist.NORD_SHEET, book.getSheetName(0));
        assertEquals(HandMadeWorklist.ANA, book.getSheetName(1));
        XSSFSheet ana = book.getSheet(HandMadeWorklist.ANA);
        assertEquals(List.of("as_of", "queue", "customer_rank", "in_today", "invoice_rank", "customer_id",
                "customer_name", "invoice_id", "invoice_date", "due_date", "currency", "amount", "open_amount", "covered_by_credit",
                "days_past_due", "aging_bucket", "probability_late", "expected_days_late", "expected_days_to_pay",
                "days_to_pay_basis", "days_to_pay_invoices", "days_to_pay_closed_unpaid", "risk_band", "priority_value", "action_code", "next_action", "action_severity", "dispute_opened", "dispute_reason", "payment_reversed_on", "reversed_amount",
                "last_payment_date", "reason_1", "reason_2", "reason_3", "last_contact_date", "last_contact_channel",
                "last_contact_outcome", "days_since_contact", "promise_status", "promise_date", "promise_amount",
                "promised_by", "plan_instalment_due", "plan_instalment_status", "plan_instalment_amount", "cooling_off"), shown(ana.getRow(0)));
        assertTrue(ana.getRow(0).getCell(0).getCellStyle().getFont().getBold());
        PaneInformation pane = ana.getPaneInformation();
        assertTrue(pane.isFreezePane());
        assertEquals(1, pane.getHorizontalSplitPosition());
        assertEquals(0, pane.getVerticalSplitPosition());
        // 43 columns, A to AQ; the header and 5 invoices.
        assertEquals("A1:AU6", ana.getCTWorksheet().getAutoFilter().getRef());
        assertEquals(5, ana.getLastRowNum());
        XSSFSheet nord = book.getSheet(HandMadeWorklist.NORD_SHEET);
        assertEquals("A1:AU2", nord.getCTWorksheet().getAutoFilter().getRef());
        assertEquals(cells("2025-03-31", "collect", "1", "TRUE", "1", "C5", "Omega", "I7", "2025-01-15",
                "2025-02-14", "USD", "1,070.00", "1,070.00", "0.00", "45", "31-60", "40%", "3.00", "10", "portfolio", "2", "0", "medium", "1,070.00",
                "payment_plan", "Offer a payment plan or escalate to the account owner", "5", null, null, null, null,
                "2025-03-20", "why I7", null, null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"), shown(nord.getRow(1)));
    }

    @Test
    void rowsInRankOrderAsExcelShowsThem() {
        XSSFSheet ana = book.getSheet(HandMadeWorklist.ANA);
        assertEquals(cells("2025-03-31", "collect", "1", "TRUE", "1", "C2", HandMadeWorklist.MARKUP, "I3",
                "2024-11-26", "2024-12-26", "USD", "500.00", "500.00", "0.00", "95", "91+", "80%", "3.00", null, "no_history", null, "0", "high",
                "1,600.00", "final_notice", "Call and send a final notice; hold further credit", "8", null, null, null, null,
                "2025-02-14", "why I3", null, null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"), shown(ana.getRow(1)));
        assertEquals(cells("2025-03-31", "collect", "2", "TRUE", "1", "C1", "=1+1", "I1", "2025-01-30",
                "2025-03-01", "USD", "1,000.00", "1,000.00", "0.00", "30", "1-30", "50%", "3.00", "15", "customer", "5", "0", "medium", "1,000.00",
                "call", "Call the customer", "4", null, null, null, null, "2025-03-01", "why I1", null, null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"),
                shown(ana.getRow(2)));
        assertEquals(cells("2025-03-31", "collect", "2", "TRUE", "2", "C1", "=1+1", "I2", "2025-03-04",
                "2025-04-03", "USD", "200.00", "200.00", "0.00", "-3", "current", "70%", "3.00", "6", "model", null, null, "high",
                "70.00", "pre_due_reminder", "Send a courtesy reminder before the due date", "1", null, null, null, null, "2025-03-01", "why I2", null,
                null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"), shown(ana.getRow(3)));
        assertEquals(cells("2025-03-31", "collect", "3", "FALSE", "1", "C3", HandMadeWorklist.SCRIPT, "I4",
                "2025-02-24", "2025-03-26", "USD", "300.00", "300.00", "0.00", "5", "1-30", "20%", "3.00", "40", "portfolio", "5", "0", "low", "70.00",
                "polite_reminder", "Send a polite reminder", "2", null, null, null, null, null, "why I4", null, null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"),
                shown(ana.getRow(4)));
        assertEquals(cells("2025-03-31", "dispute", "1", "TRUE", "1", "C4", "Dispute Corp", "I6", "2024-11-21",
                "2024-12-21", "USD", "6,000.00", "6,000.00", "0.00", "100", "91+", "90%", "3.00", null, "no_history", null, "0", "high", "21,600.00",
                "resolve_dispute", "Resolve the dispute (pricing); dunning paused", "10", "2025-03-01", "pricing", null, null,
                "2025-01-10", "why I6", null, null, null, null, null, null, null, null, null, null, null, null, null, "FALSE"), shown(ana.getRow(5)));
    }

    @Test
    void cellsAreTypedTextNeverAFormulaAmountsDatesAndShares() {
        XSSFRow c1 = book.getSheet(HandMadeWorklist.ANA).getRow(2);
        Cell name = c1.getCell(6);
        assertEquals(CellType.STRING, name.getCellType());
        assertEquals("=1+1", name.getStringCellValue());
        Cell amount = c1.getCell(11);
        assertEquals(CellType.NUMERIC, amount.getCellType());
        assertEquals(1000.0, amount.getNumericCellValue());
        assertEquals("#,##0.00", amount.getCellStyle().getDataFormatString());
        Cell invoiceDate = c1.getCell(8);
        assertEquals(CellType.NUMERIC, invoiceDate.getCellType());
        assertTrue(DateUtil.isCellDateFormatted(invoiceDate));
        assertEquals(LocalDateTime.of(2025, 1, 30, 0, 0), invoiceDate.getLocalDateTimeCellValue());
        assertEquals("yyyy-mm-dd", invoiceDate.getCellStyle().getDataFormatString());
        Cell probability = c1.getCell(16);
        assertEquals(CellType.NUMERIC, probability.getCellType());
        assertEquals(0.5, probability.getNumericCellValue());
        assertEquals("0%", probability.getCellStyle().getDataFormatString());
        Cell rank = c1.getCell(2);
        assertEquals(CellType.NUMERIC, rank.getCellType());
        assertEquals(2.0, rank.getNumericCellValue());
        assertEquals("0", rank.getCellStyle().getDataFormatString());
        assertEquals(CellType.BOOLEAN, c1.getCell(3).getCellType());
        assertTrue(c1.getCell(3).getBooleanCellValue());
        Cell priority = book.getSheet(HandMadeWorklist.ANA).getRow(5).getCell(23);
        assertEquals(21600.0, priority.getNumericCellValue());
        assertEquals("#,##0.00", priority.getCellStyle().getDataFormatString());
        Set<CellType> types = new java.util.TreeSet<>();
        book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> types.add(cell.getCellType()))));
        assertEquals(Set.of(CellType.STRING, CellType.NUMERIC, CellType.BOOLEAN), types);
    }

    @Test
    void eachCollectorHasAPageNamedAsItsCsv() throws Exception {
        try (Stream<Path> files = Files.list(out.resolve(WorklistTables.PAGES))) {
            assertEquals(Set.of("ana.ruiz.html", HandMadeWorklist.NORD_FILE + ".html"), Set.copyOf(files
                    .map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).toList()));
        }
        assertTrue(Files.isRegularFile(out.resolve("by-collector/" + HandMadeWorklist.NORD_FILE + ".csv")));
    }

    /**
     * ana's collection queue holds C2, C1 and C3, today's capacity 2; her dispute queue C4 alone. Shown at most one
     * customer a queue, the page still shows today's two, then says where the third is.
     */
    @Test
    void aLongQueueShowsItsFirstCustomersAndSaysWhereTheRestAre() {
        SparkSession spark = TestSpark.session();
        CollectorQueue ana = null;
        for (Iterator<CollectorQueue> q = CollectorQueue.read(WorklistTables.CUSTOMERS.read(spark, out.toString()),
                WorklistTables.INVOICES.read(spark, out.toString())); q.hasNext();) {
            CollectorQueue next = q.next();
            if (next.collector().equals(HandMadeWorklist.ANA)) {
                ana = next;
            }
        }
        String page = CollectorPage.render(ana, CollectorNames.NONE, WorklistTest.AS_OF, HandMadeWorklist.CONFIG, null,
                1);
        List<String> rows = page.lines().filter(l -> l.startsWith("<tr>")).toList();
        assertEquals(3, rows.size(), page);
        assertTrue(rows.get(0).contains("(C2)</td>") && rows.get(1).contains("(C1)</td>")
                && rows.get(2).contains("(C4)</td>"), page);
        assertTrue(page.contains("</tbody></table><p class=\"more\">Showing the first 2 of 3 customers in rank "
                + "order. All are in this collector's CSV (by-collector/), its sheet of worklist.xlsx and "
                + "worklist-customers.csv.</p></section>"), page);
        assertEquals(1, page.split("class=\"more\"").length - 1, "the dispute queue is shown whole");
    }

    @Test
    void aCollectorTheCollectorsFileNamesIsTitledByName() throws Exception {
        SparkSession spark = TestSpark.session();
        Path file = dir.resolve("collectors.csv");
        Files.writeString(file, "collector,name\n" + HandMadeWorklist.ANA + ",Ana Ruiz & Co\n");
        CollectorNames names = CollectorNames.read(file);
        for (Iterator<CollectorQueue> q = CollectorQueue.read(WorklistTables.CUSTOMERS.read(spark, out.toString()),
                WorklistTables.INVOICES.read(spark, out.toString())); q.hasNext();) {
            CollectorQueue queue = q.next();
            String title = queue.collector().equals(HandMadeWorklist.ANA) ? "Ana Ruiz &amp; Co (ana.ruiz), 2025-03-31"
                    : "Nord/Est &lt;B&gt; &amp; &quot;x&quot;: *?, 2025-03-31";
            assertTrue(CollectorPage.render(queue, names, WorklistTest.AS_OF, HandMadeWorklist.CONFIG, null, 500)
                    .contains("<h1>Worklist for " + title + "</h1>"), queue.collector());
        }
        assertTrue(CollectorSummary.pages(WorklistTables.CUSTOMERS.read(spark, out.toString()), WorklistTest.AS_OF,
                HandMadeWorklist.CONFIG, names).get(HandMadeWorklist.ANA)
                .startsWith("# Worklist for Ana Ruiz & Co (ana\\.ruiz), 2025-03-31\n"), "escaped as Markdown");
    }

    @Test
    void pagesShowHostileNamesAsTheCharactersTheyAre() throws Exception {
        String ana = Files.readString(out.resolve("pages/ana.ruiz.html"));
        List<String> lines = ana.lines().toList();
        assertTrue(lines.contains("<p class=\"meta\">As of <strong>2025-03-31</strong> &middot; 4 customer rows, 5 "
                + "open invoices</p></header>"), ana);
        assertTrue(lines.contains("<p id=\"today\">Today: <strong>2 customers</strong> to contact (capacity 2), "
                + "touching <strong>USD 1,700.00</strong> open. Disputes to work today: <strong>1 customer</strong> "
                + "(capacity 1).</p>"), ana);
        List<String> rows = lines.stream().filter(l -> l.startsWith("<tr>")).toList();
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).contains("<td>Zeta &amp; &lt;Sons&gt; &quot;Ltd&quot; (C2)</td>"), rows.get(0));
        assertEquals("<tr><td class=\"num\" data-sort=\"2\">2</td><td>today</td><td>=1+1 (C1)</td>"
                + "<td class=\"num\" data-sort=\"1200.00\">USD 1,200.00</td>"
                + "<td class=\"num\" data-sort=\"1000.00\">USD 1,000.00</td>"
                + "<td class=\"num\" data-sort=\"30\">30 (1-30)</td>"
                + "<td>30 days late; payment expected in 15 days (median of 5 invoices of its own paid after "
                + "being as late)</td>"
                + "<td class=\"num\" data-sort=\"1070.00\">USD 1,070.00</td><td>Call the customer</td><td>why I1</td>"
                + "<td>2025-03-01</td><td>\u2014</td><td>\u2014</td>"
                + "<td class=\"num\" data-sort=\"2\"><details><summary>2 invoices</summary>"
                + INVOICE_HEAD
                + "<tr><td>I1</td><td>2025-01-30</td><td>2025-03-01</td>"
                + "<td class=\"num\" data-sort=\"1000.00\">USD 1,000.00</td>"
                + "<td class=\"num\" data-sort=\"1000.00\">USD 1,000.00</td><td class=\"num\" data-sort=\"30\">30</td>"
                + "<td>30 days late; payment expected in 15 days (median of 5 invoices of its own paid after "
                + "being as late)</td>"
                + "<td class=\"num\" data-sort=\"1000.00\">USD 1,000.00</td>"
                + "<td>Call the customer</td><td>why I1</td></tr>"
                + "<tr><td>I2</td><td>2025-03-04</td><td>2025-04-03</td>"
                + "<td class=\"num\" data-sort=\"200.00\">USD 200.00</td>"
                + "<td class=\"num\" data-sort=\"200.00\">USD 200.00</td>"
                + "<td class=\"num\" data-sort=\"-3\">due in 3 days</td><td>70% risk of paying late; payment expected in 6 days</td>"
                + "<td class=\"num\" data-sort=\"70.00\">USD 70.00</td><td>Send a courtesy reminder before the due date</td><td>why I2</td>"
                + "</tr></tbody></table></details></td></tr>", rows.get(1));
        assertEquals("<tr><td class=\"num\" data-sort=\"3\">3</td><td></td>"
                + "<td>&lt;script&gt;alert('x')&lt;/script&gt; (C3)</td>"
                + "<td class=\"num\" data-sort=\"300.00\">USD 300.00</td>"
                + "<td class=\"num\" data-sort=\"300.00\">USD 300.00</td>"
                + "<td class=\"num\" data-sort=\"5\">5 (1-30)</td>"
                + "<td>5 days late; payment expected in 40 days (median of 5 invoices of all customers "
                + "paid after being as late)</td>"
                + "<td class=\"num\" data-sort=\"70.00\">USD 70.00</td><td>Send a polite reminder</td><td>why I4</td>"
                + "<td>\u2014</td><td>\u2014</td><td>\u2014</td>"
                + "<td class=\"num\" data-sort=\"1\"><details><summary>1 invoice</summary>"
                + INVOICE_HEAD
                + "<tr><td>I4</td><td>2025-02-24</td><td>2025-03-26</td>"
                + "<td class=\"num\" data-sort=\"300.00\">USD 300.00</td>"
                + "<td class=\"num\" data-sort=\"300.00\">USD 300.00</td>"
                + "<td class=\"num\" data-sort=\"5\">5</td>"
                + "<td>5 days late; payment expected in 40 days (median of 5 invoices of all customers "
                + "paid after being as late)</td>"
                + "<td class=\"num\" data-sort=\"70.00\">USD 70.00</td><td>Send a polite reminder</td><td>why I4</td>"
                + "</tr></tbody></table></details></td></tr>", rows.get(2));
        assertTrue(rows.get(3).contains("<td>2025-03-01</td><td>Resolve the dispute (pricing); dunning paused</td>"),
                rows.get(3));
        assertTrue(rows.get(3).contains("<td>opened 2025-03-01: pricing</td>"), rows.get(3));
        assertEquals(1, ana.split("<script", -1).length - 1);

        String nord = Files.readString(out.resolve("pages/" + HandMadeWorklist.NORD_FILE + ".html"));
        String title = "Worklist for Nord/Est &lt;B&gt; &amp; &quot;x&quot;: *?, 2025-03-31";
        assertTrue(nord.contains("<title>" + title + "</title>"), nord);
        assertTrue(nord.contains("<header><h1>" + title + "</h1>"), nord);
        assertTrue(nord.contains("<h2>Dispute queue</h2>\n<p>No customers in this queue.</p>"), nord);
        assertEquals(1, nord.split("<script", -1).length - 1);
    }
}
