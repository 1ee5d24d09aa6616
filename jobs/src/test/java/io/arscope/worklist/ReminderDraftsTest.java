package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.AgingBuckets;
import io.arscope.risk.RiskScoring;
import io.arscope.testing.StrictEml;
import io.arscope.testing.TestSpark;

/**
 * Reminder drafts of a hand-made worklist on 2025-03-31 (USD; urgency 1, so priority = amount due x probability;
 * capacity 3), each read back by a strict RFC 5322 / MIME reader and checked field by field.
 *
 * <p>ana.ruiz: C3 (I31 2,000.00 95 days past due and I32 500.00 100 days; 700.00 on account covers I32 in full and
 * 200.00 of I31: 1,800.00 x 0.9 = 1,620.00, final notice, a letter; I33 600.00 due in 3 days, at the courtesy step
 * before the due date) first; C2 (I21 3,000.00 x 0.5 = 1,500.00, 2 days:
 * polite reminder, an email), named with a line break and a header, second; C1 (I11 1,250.50 10 days: firm
 * reminder; I12 400.00 3 days; I13 99.99 due in 5 days; 750.30 + 120.00 + 10.00 = 880.30) third; C4 (call, 500.00)
 * and C5 (polite reminder, 20.00) are beyond today's capacity. Zoë: ../C6 (I61 800.00 due in 2 days, high risk:
 * reminder before the due date) first.
 */
class ReminderDraftsTest {

    private static final String EVIL = "Evil\r\nBcc: victim@example.com";
    private static final String MULLER = "M\u00fcller & S\u00f6hne GmbH";
    private static final String ZOE = "Zo\u00eb";
    /** {@code printf '%s' ../C6 | sha256sum} starts 3212badd. */
    private static final String C6_FILE = "_.._C6~3212badd.eml";
    private static final WorklistConfig CONFIG = new WorklistConfig(3, 1, 1.0, 30, 1.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT).withHorizonDays(UnpaidAtHorizon.NONE);
    private static final String DATE = "Mon, 31 Mar 2025 00:00:00 +0000";
    private static final String NB = "\u00a0";

    @TempDir
    static Path dir;
    private static Path plain;
    private static Path english;
    private static Path french;
    private static Path promised;
    private static Path promisedFrench;
    private static Path signed;
    private static ReminderDrafts.Drafted signedDrafts;

    @BeforeAll
    static void write() throws Exception {
        SparkSession spark = TestSpark.session();
        List<Row> scores = List.of(
                WorklistTest.score("I11", "C1", 10, "1250.50", 0.6, "medium"),
                WorklistTest.score("I12", "C1", 3, "400.00", 0.3, "low"),
                WorklistTest.score("I13", "C1", -5, "99.99", 0.1, "low"),
                WorklistTest.score("I21", "C2", 2, "3000.00", 0.5, "low"),
                WorklistTest.score("I31", "C3", 95, "2000.00", 0.9, "high"),
                WorklistTest.score("I32", "C3", 100, "500.00", 0.9, "high"),
                WorklistTest.score("I33", "C3", -3, "600.00", 0.9, "high"),
                WorklistTest.score("I41", "C4", 20, "1000.00", 0.5, "medium"),
                WorklistTest.score("I51", "C5", 4, "100.00", 0.2, "low"),
                WorklistTest.score("I61", "../C6", -2, "800.00", 0.9, "high"));
        List<Row> customers = List.of(
                RowFactory.create("C1", MULLER, "ana.ruiz", null, WorklistTest.NO_CREDIT),
                RowFactory.create("C2", EVIL, "ana.ruiz", null, WorklistTest.NO_CREDIT),
                RowFactory.create("C3", "Acme Ltd", "ana.ruiz", null, new BigDecimal("700.00")),
                RowFactory.create("C4", "Call Co", "ana.ruiz", null, WorklistTest.NO_CREDIT),
                RowFactory.create("C5", "Later Inc", "ana.ruiz", null, WorklistTest.NO_CREDIT),
                RowFactory.create("../C6", "Omega", ZOE, null, WorklistTest.NO_CREDIT));
        Worklist.Result lists = Worklist.build(spark.createDataFrame(scores, RiskScoring.SCHEMA),
                spark.createDataFrame(customers, WorklistTest.CUSTOMERS),
                spark.createDataFrame(List.<Row>of(), WorklistTest.DISPUTES),
                spark.createDataFrame(List.<Row>of(), ExpectedDaysToPay.SETTLED_INVOICES), CONFIG);
        Dataset<Row> invoices = lists.invoices().localCheckpoint();
        Dataset<Row> rows = lists.customers().localCheckpoint();
        plain = dir.resolve("plain");
        english = dir.resolve("english");
        french = dir.resolve("french");
        ReminderDrafts.write(spark, rows, invoices, plain.toString(), WorklistTest.AS_OF, CONFIG.strategy(),
                DraftTemplates.shipped());
        // A collectors file naming ana.ruiz only.
        Path collectors = Files.writeString(dir.resolve("collectors.csv"), "collector,name,email,phone\n"
                + "ana.ruiz,Ana Ruiz,ana.ruiz@acme.example,+1 555 0100\n");
        signed = dir.resolve("signed");
        signedDrafts = ReminderDrafts.write(spark, rows, invoices, signed.toString(), WorklistTest.AS_OF,
                CONFIG.strategy(), DraftTemplates.shipped().signedBy(CollectorNames.read(collectors)));
        // The worklist-facing activity columns, as the worklist will carry them: a broken promise for C1 and a
        // missed plan instalment for C2.
        Column c1 = col("customer_id").equalTo("C1");
        Column c2 = col("customer_id").equalTo("C2");
        Dataset<Row> withActivity = rows
                .withColumn("promise_status", when(c1, lit("broken")))
                .withColumn("promise_date", when(c1, lit(d("2025-03-20"))))
                .withColumn("promise_amount", when(c1, lit(new BigDecimal("500.00"))))
                .withColumn("plan_instalment_due", when(c2, lit(d("2025-03-25"))))
                .withColumn("plan_instalment_status", when(c2, lit("missed")))
                .withColumn("plan_instalment_amount", when(c2, lit(new BigDecimal("250.00")))).localCheckpoint();
        ReminderDrafts.write(spark, withActivity, invoices, english.toString(), WorklistTest.AS_OF, CONFIG.strategy(),
                DraftTemplates.read(null, "en"));
        ReminderDrafts.write(spark, withActivity, invoices, french.toString(), WorklistTest.AS_OF, CONFIG.strategy(),
                DraftTemplates.read(null, "fr"));
        // Pending promises: C1's of 1,000.00 by 2025-04-04 names I11, C2's names I21, its only invoice.
        Column promisedBy = when(col("invoice_id").equalTo("I11"), lit(d("2025-04-04")))
                .when(col("invoice_id").equalTo("I21"), lit(d("2025-04-02")));
        Dataset<Row> withPromises = rows
                .withColumn("promise_status", when(c1.or(c2), lit("pending")))
                .withColumn("promise_date", when(c1, lit(d("2025-04-04"))).when(c2, lit(d("2025-04-02"))))
                .withColumn("promise_amount", when(c1, lit(new BigDecimal("1000.00")))
                        .when(c2, lit(new BigDecimal("3000.00")))).localCheckpoint();
        Dataset<Row> promisedInvoices = invoices.withColumn("promised_by", promisedBy).localCheckpoint();
        promised = dir.resolve("promised");
        promisedFrench = dir.resolve("promised-french");
        ReminderDrafts.write(spark, withPromises, promisedInvoices, promised.toString(), WorklistTest.AS_OF,
                CONFIG.strategy(), DraftTemplates.read(null, "en"));
        ReminderDrafts.write(spark, withPromises, promisedInvoices, promisedFrench.toString(), WorklistTest.AS_OF,
                CONFIG.strategy(), DraftTemplates.read(null, "fr"));
    }

    private static StrictEml.Message read(Path out, String collector, String file) throws Exception {
        return StrictEml.parse(Files.readAllBytes(out.resolve("drafts").resolve(collector).resolve(file)));
    }

    private static Set<String> files(Path out) throws Exception {
        try (Stream<Path> all = Files.walk(out.resolve("drafts"))) {
            return all.filter(Files::isRegularFile).map(f -> out.resolve("drafts").relativize(f).toString())
                    .filter(f -> !f.contains("/.") && !f.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aDraftPerCustomerOnTodaysListWhoseStepIsWritten() throws Exception {
        // C4's step is a call and C5 is beyond today's capacity: no draft.
        Set<String> expected = Set.of("ana.ruiz/C1.eml", "ana.ruiz/C2.eml", "ana.ruiz/C3.eml", ZOE + "/" + C6_FILE);
        assertEquals(new TreeSet<>(expected), files(plain));
        assertEquals(new TreeSet<>(expected), files(french));
    }

    @Test
    void everyDraftIsAValidMessageAddressedToTheCustomerByName() throws Exception {
        for (Path out : List.of(plain, english, french)) {
            for (String file : files(out)) {
                StrictEml.Message m = StrictEml.parse(Files.readAllBytes(out.resolve("drafts").resolve(file)));
                assertEquals(List.of("date", "to", "subject", "mime-version", "content-type",
                        "content-transfer-encoding", "x-unsent"), List.copyOf(m.fields().keySet()), file);
                assertEquals(DATE, m.fields().get("date"));
                assertEquals("1", m.fields().get("x-unsent"));
            }
        }
        assertEquals(MULLER, read(plain, "ana.ruiz", "C1.eml").to());
        assertEquals("Acme Ltd", read(plain, "ana.ruiz", "C3.eml").to());
        assertEquals("Omega", read(plain, ZOE, C6_FILE).to());
    }

    @Test
    void aNameWithALineBreakAddsNoHeader() throws Exception {
        StrictEml.Message m = read(plain, "ana.ruiz", "C2.eml");
        assertEquals("\"Evil  Bcc: victim@example.com\":;", m.fields().get("to"));
        assertEquals("Evil  Bcc: victim@example.com", m.to());
        assertEquals(Map.of(), m.fields().entrySet().stream().filter(f -> f.getKey().equals("bcc"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals("Dear Evil  Bcc: victim@example.com,", m.body().lines().findFirst().orElseThrow());
    }

    @Test
    void theFirmReminderInEnglishFieldByField() throws Exception {
        StrictEml.Message m = read(plain, "ana.ruiz", "C1.eml");
        // Not "Second reminder": nothing says a first was sent.
        assertEquals("Payment reminder: USD 1,650.50 overdue on account C1", m.subject());
        List<String> body = m.body().lines().toList();
        assertEquals("Dear " + MULLER + ",", body.get(0));
        assertEquals("According to our records on 2025-03-31, we have not yet received payment of the overdue "
                + "invoices below.", body.get(2));
        assertEquals("Invoice  Due date      Amount due  Status", body.get(4));
        assertEquals("-".repeat(50), body.get(5));
        assertEquals("I11      2025-03-21  USD 1,250.50  10 days overdue", body.get(6));
        assertEquals("I12      2025-03-28    USD 400.00  3 days overdue", body.get(7));
        assertEquals("", body.get(8));
        // I13, due in 5 days and at no written step yet, is neither listed nor totalled, but named.
        assertEquals("Total open: USD 1,650.50, of which USD 1,650.50 is overdue.", body.get(9));
        assertEquals("", body.get(10));
        assertEquals("Invoice I13 (USD 99.99, due on 2025-04-05) is not yet due, so it is not part of this reminder.",
                body.get(11));
        assertEquals("", body.get(12));
        // The firm step's tone: a deadline and a call to act.
        assertEquals("Please arrange payment of the overdue amount within 7 days, or contact us today if there is a "
                + "reason it cannot be paid, so that we can resolve it together.", body.get(13));
        assertEquals(List.of("", "Regards,", "ana.ruiz"), body.subList(14, body.size()));
    }

    /**
     * With a collectors file, ana.ruiz's drafts are signed with her name, address and phone; Zoë, whom the file does
     * not name, signs with her id as before, and the run is told so.
     */
    @Test
    void aCollectorNamedInTheCollectorsFileSignsWithNameAddressAndPhone() throws Exception {
        List<String> body = read(signed, "ana.ruiz", "C1.eml").body().lines().toList();
        assertEquals(List.of("", "Regards,", "Ana Ruiz", "ana.ruiz@acme.example", "+1 555 0100"),
                body.subList(14, body.size()));
        assertEquals(read(plain, ZOE, C6_FILE).body(), read(signed, ZOE, C6_FILE).body());
        assertEquals(new ReminderDrafts.Drafted(4, 0, List.of(ZOE)), signedDrafts);
        assertEquals("reminder drafts: 4 in drafts/; signed with their ids, as the collectors file does not name them: "
                + ZOE, ReminderDrafts.written(signedDrafts));
    }

    @Test
    void theBrokenPromiseIsInTheReminder() throws Exception {
        List<String> body = read(english, "ana.ruiz", "C1.eml").body().lines().toList();
        assertEquals("Total open: USD 1,650.50, of which USD 1,650.50 is overdue.", body.get(9));
        assertEquals("", body.get(10));
        assertEquals("You promised to pay USD 500.00 by 2025-03-20; we have not received this payment.",
                body.get(11));
        assertEquals("", body.get(13));
        assertEquals("Please arrange payment", body.get(14).substring(0, 22));
    }

    @Test
    void theMissedInstalmentIsInThePoliteReminder() throws Exception {
        StrictEml.Message m = read(english, "ana.ruiz", "C2.eml");
        assertEquals("Friendly reminder: USD 3,000.00 past due on account C2", m.subject());
        List<String> body = m.body().lines().toList();
        assertEquals("This is a friendly reminder that, according to our records on 2025-03-31, the following "
                + "invoices on your account are open, and some are now past their due date.", body.get(2));
        assertEquals(List.of("Invoice  Due date      Amount due  Status", "-".repeat(49),
                "I21      2025-03-29  USD 3,000.00  2 days overdue"), body.subList(4, 7));
        assertEquals("Total open: USD 3,000.00, of which USD 3,000.00 is past due.", body.get(8));
        assertEquals("The instalment of USD 250.00 under your payment plan, due on 2025-03-25, has not been "
                + "received.", body.get(10));
        assertEquals("It may simply have been overlooked. If you have already paid, thank you, and please "
                + "disregard this message; otherwise we would be grateful for your payment in the next few days.",
                body.get(12));
    }

    @Test
    void aFinalNoticeListsWhatIsLeftOnceTheCreditIsSetAgainstIt() throws Exception {
        // I33, due in 3 days, has reached the courtesy step of a high-risk customer: a final notice, whose words are
        // of overdue invoices, names it as not yet due instead of demanding it.
        StrictEml.Message m = read(plain, "ana.ruiz", "C3.eml");
        assertEquals("Final notice: USD 1,800.00 overdue on account C3", m.subject());
        List<String> body = m.body().lines().toList();
        // I32 is covered by the credit in full and not chased; I31 is due for 2,000.00 - 200.00.
        assertEquals(List.of("Invoice  Due date      Amount due  Status", "-".repeat(50),
                "I31      2024-12-26  USD 1,800.00  95 days overdue", "",
                "Total open: USD 1,800.00, of which USD 1,800.00 is overdue.", "",
                "Invoice I33 (USD 600.00, due on 2025-04-03) is not yet due, so it is not part of this reminder.", "",
                "This is our final notice. Unless the overdue amount is paid within 10 days, further deliveries on "
                        + "credit will be put on hold and the debt may be passed on for collection."),
                body.subList(4, 13));
    }

    @Test
    void aReminderBeforeTheDueDate() throws Exception {
        StrictEml.Message m = read(plain, ZOE, C6_FILE);
        assertEquals("Upcoming payment: USD 800.00 due soon on account ../C6", m.subject());
        List<String> body = m.body().lines().toList();
        assertEquals("A short note ahead of the due dates: according to our records on 2025-03-31, the following "
                + "invoices on your account will soon be due for payment.", body.get(2));
        assertEquals("I61      2025-04-02  USD 800.00  due in 2 days", body.get(6));
        assertEquals("Total: USD 800.00", body.get(8));
        assertEquals(List.of("Kind regards,", ZOE), body.subList(body.size() - 2, body.size()));
    }

    @Test
    void theFirmReminderInFrenchFieldByField() throws Exception {
        StrictEml.Message m = read(french, "ana.ruiz", "C1.eml");
        assertEquals("Relance : 1" + NB + "650,50" + NB + "USD en retard, compte C1", m.subject());
        List<String> body = m.body().lines().toList();
        assertEquals("Madame, Monsieur,", body.get(0));
        assertEquals("Selon nos \u00e9critures au 31/03/2025, nous n'avons toujours pas re\u00e7u le r\u00e8glement "
                + "des factures \u00e9chues ci-dessous de votre compte " + MULLER + ".", body.get(2));
        assertEquals("Facture  \u00c9ch\u00e9ance      Montant d\u00fb  Situation", body.get(4));
        assertEquals("-".repeat(56), body.get(5));
        assertEquals("I11      21/03/2025  1" + NB + "250,50" + NB + "USD  en retard de 10 jours", body.get(6));
        assertEquals("I12      28/03/2025    400,00" + NB + "USD  en retard de 3 jours", body.get(7));
        assertEquals("Total ouvert : 1" + NB + "650,50" + NB + "USD, dont 1" + NB + "650,50" + NB + "USD en retard.",
                body.get(9));
        assertEquals("Vous vous \u00e9tiez engag\u00e9 \u00e0 r\u00e9gler 500,00" + NB + "USD au plus tard le "
                + "20/03/2025 ; nous n'avons pas re\u00e7u ce paiement.", body.get(11));
        assertEquals("La facture I13 (99,99" + NB + "USD, \u00e9ch\u00e9ance le 05/04/2025) n'est pas encore "
                + "\u00e9chue et ne fait pas partie de ce rappel.", body.get(12));
        assertEquals("Nous vous prions de r\u00e9gler le montant en retard sous 7 jours, ou de nous contacter "
                + "d\u00e8s aujourd'hui si un motif s'y oppose, afin que nous puissions le r\u00e9soudre ensemble.",
                body.get(14));
        assertEquals(List.of("", "Salutations distingu\u00e9es,", "ana.ruiz"), body.subList(15, body.size()));
    }

    @Test
    void theMissedInstalmentInFrench() throws Exception {
        StrictEml.Message m = read(french, "ana.ruiz", "C2.eml");
        assertEquals("Rappel amical : 3" + NB + "000,00" + NB + "USD \u00e9chu, compte C2", m.subject());
        assertEquals("L'\u00e9ch\u00e9ance de 250,00" + NB + "USD de votre plan de paiement, due le 25/03/2025, "
                + "n'a pas \u00e9t\u00e9 re\u00e7ue.", m.body().lines().toList().get(10));
    }

    /**
     * A pending promise holds the invoices it covers: C2's only invoice is promised, so C2 gets no reminder; C1's
     * I11 (10 days overdue, the firm reminder's) is left out, so what is asked for is I12 (3 days overdue), worded by
     * its polite reminder, and the promise's sentence names what was left out; I13, not yet due and at no written
     * step, is named as not part of the reminder.
     */
    @Test
    void aPendingPromiseLeavesItsInvoicesOutOfTheReminder() throws Exception {
        assertEquals(new TreeSet<>(Set.of("ana.ruiz/C1.eml", "ana.ruiz/C3.eml", ZOE + "/" + C6_FILE)),
                files(promised));
        StrictEml.Message m = read(promised, "ana.ruiz", "C1.eml");
        assertEquals("Friendly reminder: USD 400.00 past due on account C1", m.subject());
        assertEquals(List.of("Invoice  Due date    Amount due  Status", "-".repeat(47),
                "I12      2025-03-28  USD 400.00  3 days overdue", "",
                "Total open: USD 400.00, of which USD 400.00 is past due.", "",
                "Invoice I11 (USD 1,250.50) is left out of this reminder, as you have promised payment on it by "
                        + "2025-04-04.",
                "Invoice I13 (USD 99.99, due on 2025-04-05) is not yet due, so it is not part of this reminder.", "",
                "It may simply have been overlooked. If you have already paid, thank you, and please disregard this "
                        + "message; otherwise we would be grateful for your payment in the next few days."),
                m.body().lines().toList().subList(4, 14));
        List<String> french = read(promisedFrench, "ana.ruiz", "C1.eml").body().lines().toList();
        assertEquals("La facture I11 (1" + NB + "250,50" + NB + "USD) ne figure pas dans ce rappel, puisque vous "
                + "vous êtes engagé à un règlement au plus tard le 04/04/2025.", french.get(10));
    }
    /**
     * A final notice to a customer who paid six days ago is what the check before escalating stops: the collector
     * talks first, so no notice is drafted ready to send. C7 (I71 2,000.00, 95 days past due, paid something on
     * 2025-03-25) is held; C8, the same without a payment, gets its final notice.
     */
    @Test
    void aLastResortStepThatSaysToCheckFirstIsNotDrafted() throws Exception {
        SparkSession spark = TestSpark.session();
        List<Row> scores = List.of(WorklistTest.score("I71", "C7", 95, "2000.00", 0.9, "high"),
                WorklistTest.score("I81", "C8", 95, "2000.00", 0.9, "high"));
        List<Row> customers = List.of(
                RowFactory.create("C7", "Paid Lately Ltd", "ana.ruiz", d("2025-03-25"), WorklistTest.NO_CREDIT),
                RowFactory.create("C8", "Silent Ltd", "ana.ruiz", null, WorklistTest.NO_CREDIT));
        Worklist.Result lists = Worklist.build(spark.createDataFrame(scores, RiskScoring.SCHEMA),
                spark.createDataFrame(customers, WorklistTest.CUSTOMERS),
                spark.createDataFrame(List.<Row>of(), WorklistTest.DISPUTES),
                spark.createDataFrame(List.<Row>of(), ExpectedDaysToPay.SETTLED_INVOICES), CONFIG);
        Dataset<Row> rows = lists.customers().localCheckpoint();
        assertEquals(List.of("C7: Call and send a final notice; hold further credit; check before escalating: it paid "
                + "on 2025-03-25 (6 days ago)",
                "C8: Call and send a final notice; hold further credit"), rows.orderBy("customer_id").collectAsList().stream()
                .map(r -> r.getAs("customer_id") + ": " + r.getAs("next_action")).toList());
        Path out = dir.resolve("held");
        ReminderDrafts.Drafted drafted = ReminderDrafts.write(spark, rows, lists.invoices().localCheckpoint(),
                out.toString(), WorklistTest.AS_OF, CONFIG.strategy(), DraftTemplates.shipped());
        assertEquals(new ReminderDrafts.Drafted(1, 1, List.of()), drafted);
        assertEquals(new TreeSet<>(Set.of("ana.ruiz/C8.eml")), files(out));
        assertEquals("reminder drafts: 1 in drafts/; none for 1 customer whose last-resort step says to check first "
                + "(a recent payment, a dispute or a promise: see the next action)", ReminderDrafts.written(drafted));
    }
}
