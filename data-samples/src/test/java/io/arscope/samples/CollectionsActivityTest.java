package io.arscope.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's collections activity, read back from the files it writes: what it leaves alone, that its counts
 * reconcile, that contacts, promises and plans agree with the payments, and that its effect is the configured one.
 */
class CollectionsActivityTest {

    private static final GeneratorConfig WITHOUT = GeneratorConfig.of(3, 20_000, LocalDate.of(2023, 1, 1), 36);
    private static final GeneratorConfig WITH = WITHOUT.withActivity(CollectionsActivity.DEFAULT);
    private static final LocalDate EXPORT = WITH.exportDate();

    @TempDir
    static Path dir;
    private static HistoryGenerator.Summary summary;
    private static History with;
    private static History without;

    @BeforeAll
    static void generate() throws IOException {
        summary = HistoryGenerator.generate(WITH, dir.resolve("with"));
        HistoryGenerator.generate(WITHOUT, dir.resolve("without"));
        with = new History(dir.resolve("with"));
        without = new History(dir.resolve("without"));
    }

    /** One file as rows of named fields; no generated value holds a comma. */
    private static List<Map<String, String>> rows(Path folder, String file) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve(file));
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, file + ": " + line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    /** A generated history read back, with each invoice's payments and credits by date. */
    private static final class History {
        final Path folder;
        final Map<String, Map<String, String>> invoices = new HashMap<>();
        final Map<String, String> collectors = new HashMap<>();
        final Map<String, TreeMap<LocalDate, Long>> payments = new HashMap<>();
        /** Each invoice's payments and credits: cents settled and the day of the last. */
        final Map<String, long[]> settled = new HashMap<>();
        final Set<String> withCredits = new java.util.HashSet<>();
        final Map<String, Map<String, String>> truth = new HashMap<>();

        History(Path folder) throws IOException {
            this.folder = folder;
            for (Map<String, String> c : rows(folder, "customers.csv")) {
                collectors.put(c.get("customer_id"), c.get("collector"));
            }
            for (Map<String, String> i : rows(folder, "invoices.csv")) {
                invoices.put(i.get("invoice_id"), i);
            }
            for (Map<String, String> p : rows(folder, "payments.csv")) {
                LocalDate day = LocalDate.parse(p.get("payment_date"));
                payments.computeIfAbsent(p.get("invoice_id"), k -> new TreeMap<>()).merge(day, cents(p.get("amount")),
                        Long::sum);
                settle(p.get("invoice_id"), day, cents(p.get("amount")));
            }
            for (Map<String, String> a : rows(folder, "adjustments.csv")) {
                withCredits.add(a.get("invoice_id"));
                settle(a.get("invoice_id"), LocalDate.parse(a.get("adjustment_date")), cents(a.get("amount")));
            }
            for (Map<String, String> d : rows(folder, "disputes.csv")) {
                withCredits.add(d.get("invoice_id"));
            }
            for (Map<String, String> t : rows(folder, HistoryGenerator.TRUTH_FILE)) {
                truth.put(t.get("invoice_id"), t);
            }
        }

        private void settle(String invoiceId, LocalDate day, long cents) {
            long[] s = settled.computeIfAbsent(invoiceId, k -> new long[2]);
            s[0] += cents;
            s[1] = Math.max(s[1], day.toEpochDay());
        }

        /** The day the invoice was paid in full or written off, null while it is open at the export. */
        LocalDate settledOn(String invoiceId) {
            long[] s = settled.get(invoiceId);
            return s != null && s[0] == cents(invoices.get(invoiceId).get("amount")) ? LocalDate.ofEpochDay(s[1])
                    : null;
        }

        /** What was paid on the invoice from {@code from} to {@code to}, both included. */
        long paid(String invoiceId, LocalDate from, LocalDate to) {
            return payments.getOrDefault(invoiceId, new TreeMap<>()).subMap(from, true, to, true).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void customersInvoicesDisputesAndCreditsAreThoseOfTheHistoryWithoutActivity() throws IOException {
        for (String file : List.of("customers.csv", "invoices.csv", "disputes.csv", "adjustments.csv")) {
            assertArrayEquals(Files.readAllBytes(without.folder.resolve(file)), Files.readAllBytes(with.folder
                    .resolve(file)), file);
        }
        int settledBoth = 0;
        for (String id : without.invoices.keySet()) {
            Map<String, String> t = with.truth.get(id);
            Map<String, String> before = without.truth.get(id);
            assertEquals(List.of(before.get("p_late"), before.get("late")), List.of(t.get("p_late"), t.get("late")),
                    id);
            // The truth's counterfactual is the day the history without activity settled the invoice.
            LocalDate settledWithout = without.settledOn(id);
            if (settledWithout != null) {
                assertEquals(settledWithout.toString(), t.get("settled_without_activity"), id);
                settledBoth++;
            }
            if (t.get("contacts").equals("0")) {
                assertEquals(without.payments.get(id), with.payments.get(id), id + " was never contacted");
                assertEquals("0", t.get("uplift_days"), id);
            }
        }
        assertTrue(settledBoth > 19_000, "settled " + settledBoth);
    }

    @Test
    void theCountsReconcile() throws IOException {
        List<Map<String, String>> contacts = rows(with.folder, "contacts.csv");
        List<Map<String, String>> promises = rows(with.folder, "promises.csv");
        List<Map<String, String>> instalments = rows(with.folder, "plan_instalments.csv");
        assertEquals(List.of(summary.contacts(), summary.promises(), summary.planInstalments()),
                List.of((long) contacts.size(), (long) promises.size(), (long) instalments.size()));
        Map<String, Integer> contactsPerInvoice = new HashMap<>();
        Map<String, String> promisedOn = new HashMap<>();
        for (Map<String, String> c : contacts) {
            contactsPerInvoice.merge(c.get("invoice_id"), 1, Integer::sum);
            if (c.get("outcome").equals("promised")) {
                assertTrue(promisedOn.put(c.get("invoice_id"), c.get("contact_date")) == null, "one promise each");
            }
        }
        Map<String, String> promiseOf = new HashMap<>();
        for (Map<String, String> p : promises) {
            assertEquals(p.get("promised_on"), promisedOn.get(p.get("invoice_ids")), p.get("promise_id"));
            promiseOf.put(p.get("invoice_ids"), p.get("promise_id"));
        }
        Map<String, Integer> plans = new HashMap<>();
        for (Map<String, String> i : instalments) {
            plans.merge(i.get("invoice_ids"), 1, Integer::sum);
        }
        long contacted = 0;
        for (Map.Entry<String, Map<String, String>> e : with.truth.entrySet()) {
            String id = e.getKey();
            Map<String, String> t = e.getValue();
            assertEquals(contactsPerInvoice.getOrDefault(id, 0), Integer.parseInt(t.get("contacts")), id);
            contacted += contactsPerInvoice.containsKey(id) ? 1 : 0;
            assertEquals(promiseOf.containsKey(id), !t.get("promise_outcome").isEmpty(), id);
            assertEquals(plans.containsKey(id), !t.get("plan_instalments_met").isEmpty(), id);
            // Activity moves payments, never what is paid: an invoice settled in both histories is settled in full.
            long[] s = with.settled.get(id);
            long amount = cents(with.invoices.get(id).get("amount"));
            assertTrue(s == null || s[0] <= amount, id + " is over-settled");
            if (!LocalDate.parse(t.get("settled_without_activity")).isAfter(EXPORT)) {
                assertEquals(amount, s[0], id);
            }
        }
        assertEquals(promises.size(), promisedOn.size());
        assertTrue(contacted > 2_000 && promises.size() > 200 && plans.size() >= 10, contacted + " contacted, "
                + promises.size() + " promises, " + plans.size() + " plans");
    }

    @Test
    void contactsComeFromTheCollectorOnWeekdaysAfterTheDueDateByTheExportAndBeforeTheInvoiceIsSettled()
            throws IOException {
        Map<String, Set<String>> outcomes = Map.of(
                "email", Set.of("reached", "no_answer", "wrong_contact"),
                "call", Set.of("reached", "no_answer", "left_message", "promised", "disputed", "refused",
                        "wrong_contact"),
                "letter", Set.of("", "wrong_contact"));
        // Days past due of each channel's steps, a weekend pushing a step up to two days later.
        Map<String, int[]> daysPastDue = Map.of("email", new int[] {3, 9}, "call", new int[] {10, 77}, "letter",
                new int[] {35, 102});
        for (Map<String, String> c : rows(with.folder, "contacts.csv")) {
            Map<String, String> invoice = with.invoices.get(c.get("invoice_id"));
            LocalDate day = LocalDate.parse(c.get("contact_date"));
            String customer = invoice.get("customer_id");
            assertEquals(List.of(customer, with.collectors.get(customer)), List.of(c.get("customer_id"),
                    c.get("collector")), c.get("contact_id"));
            assertFalse(day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY,
                    c.get("contact_id"));
            assertFalse(day.isAfter(EXPORT), c.get("contact_id"));
            long pastDue = ChronoUnit.DAYS.between(LocalDate.parse(invoice.get("due_date")), day);
            int[] range = daysPastDue.get(c.get("channel"));
            assertTrue(pastDue >= range[0] && pastDue <= range[1], c.get("contact_id") + " " + pastDue);
            assertTrue(outcomes.get(c.get("channel")).contains(c.get("outcome")), c.get("contact_id"));
            LocalDate settled = with.settledOn(c.get("invoice_id"));
            assertTrue(settled == null || day.isBefore(settled), c.get("contact_id") + " after " + settled);
        }
    }

    @Test
    void promisesAreKeptPartlyKeptOrBrokenInThePaymentsAsTheTruthSays() throws IOException {
        Map<String, Integer> decided = new TreeMap<>();
        for (Map<String, String> p : rows(with.folder, "promises.csv")) {
            String invoice = p.get("invoice_ids");
            LocalDate on = LocalDate.parse(p.get("promised_on"));
            LocalDate by = LocalDate.parse(p.get("promised_date"));
            long days = ChronoUnit.DAYS.between(on, by);
            long amount = cents(p.get("amount"));
            assertTrue(days >= 3 && days <= 10 && amount > 0 && amount <= cents(with.invoices.get(invoice)
                    .get("amount")), p.toString());
            LocalDate windowEnd = by.plusDays(CollectionsProcess.GRACE_DAYS);
            if (windowEnd.isAfter(EXPORT)) {
                continue;
            }
            String outcome = with.truth.get(invoice).get("promise_outcome");
            long paid = with.paid(invoice, on, windowEnd);
            switch (outcome) {
                case "kept" -> assertEquals(amount, paid, p.toString());
                case "partly_kept" -> assertTrue(paid > 0 && paid < amount, p + " paid " + paid);
                case "broken" -> assertEquals(0, paid, p.toString());
                default -> throw new AssertionError(outcome);
            }
            decided.merge(outcome, 1, Integer::sum);
        }
        int n = decided.values().stream().mapToInt(Integer::intValue).sum();
        // Configured 0.6, 0.15 and 0.25; at a few hundred promises a share's standard error is under 0.03.
        assertEquals(0.60, decided.get("kept") / (double) n, 0.09, decided.toString());
        assertEquals(0.15, decided.get("partly_kept") / (double) n, 0.07, decided.toString());
        assertEquals(0.25, decided.get("broken") / (double) n, 0.08, decided.toString());
    }

    @Test
    void planInstalmentsAreMetOrMissedInThePaymentsAsTheTruthSays() throws IOException {
        Map<String, List<Map<String, String>>> plans = new TreeMap<>();
        for (Map<String, String> i : rows(with.folder, "plan_instalments.csv")) {
            plans.computeIfAbsent(i.get("plan_id"), k -> new ArrayList<>()).add(i);
        }
        int checked = 0;
        for (List<Map<String, String>> plan : plans.values()) {
            String invoice = plan.get(0).get("invoice_ids");
            LocalDate agreed = LocalDate.parse(plan.get(0).get("agreed_on"));
            int met = Integer.parseInt(with.truth.get(invoice).get("plan_instalments_met"));
            assertTrue(plan.size() >= 2 && plan.size() <= 4 && met <= plan.size(), plan.toString());
            long cumulative = 0;
            for (int k = 1; k <= plan.size(); k++) {
                Map<String, String> i = plan.get(k - 1);
                assertEquals(List.of(String.valueOf(k), agreed.plusMonths(k).toString()), List.of(i.get("instalment"),
                        i.get("due_date")), plan.toString());
                cumulative += cents(i.get("amount"));
                LocalDate windowEnd = LocalDate.parse(i.get("due_date")).plusDays(CollectionsProcess.GRACE_DAYS);
                if (!windowEnd.isAfter(EXPORT)) {
                    long paid = with.paid(invoice, agreed, windowEnd);
                    assertEquals(k <= met, paid >= cumulative, plan + " instalment " + k + " paid " + paid);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 20, "instalments checked " + checked);
    }

    @Test
    void theMeasuredUpliftOfAFirstContactIsTheConfiguredOne() throws IOException {
        CollectionsActivity activity = CollectionsActivity.DEFAULT.withoutCommitments();
        GeneratorConfig config = GeneratorConfig.of(5, 5_000, LocalDate.of(2023, 1, 1), 36).withActivity(activity);
        HistoryGenerator.generate(config, dir.resolve("uplift"));
        History h = new History(dir.resolve("uplift"));
        Map<String, LocalDate> firstContact = new HashMap<>();
        for (Map<String, String> c : rows(h.folder, "contacts.csv")) {
            firstContact.merge(c.get("invoice_id"), LocalDate.parse(c.get("contact_date")),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        // Invoices activity can move, settled by the export without it, at least 10 days after their first contact
        // (so that rounding to whole days moves the share by at most 0.05): the selection depends on nothing the
        // contact changed.
        double shareSum = 0;
        int sooner = 0;
        int n = 0;
        for (Map.Entry<String, LocalDate> e : firstContact.entrySet()) {
            String id = e.getKey();
            LocalDate settledWithout = LocalDate.parse(h.truth.get(id).get("settled_without_activity"));
            long remaining = ChronoUnit.DAYS.between(e.getValue(), settledWithout);
            if (h.withCredits.contains(id) || settledWithout.isAfter(EXPORT) || remaining < 10) {
                continue;
            }
            long saved = ChronoUnit.DAYS.between(h.settledOn(id), settledWithout);
            assertEquals(String.valueOf(saved), h.truth.get(id).get("uplift_days"), id);
            shareSum += (double) saved / remaining;
            sooner += saved > 0 ? 1 : 0;
            n++;
        }
        assertTrue(n > 300, "invoices " + n);
        // Each is paid upliftShare (0.3) sooner with chance upliftChance (0.5), else on the day it would have been:
        // a mean of 0.15 with a standard error near 0.15 / sqrt(n), under 0.01.
        assertEquals(activity.upliftChance() * activity.upliftShare(), shareSum / n, 0.03, "n " + n);
        assertEquals(activity.upliftChance(), (double) sooner / n, 0.08, "n " + n);
    }

    @Test
    void theSameConfigurationWritesTheSameActivity() throws IOException {
        HistoryGenerator.generate(WITH, dir.resolve("again"));
        for (String file : List.of("payments.csv", "contacts.csv", "promises.csv", "plan_instalments.csv",
                HistoryGenerator.TRUTH_FILE)) {
            assertTrue(Arrays.equals(Files.readAllBytes(with.folder.resolve(file)), Files.readAllBytes(
                    dir.resolve("again").resolve(file))), file);
        }
    }
}
