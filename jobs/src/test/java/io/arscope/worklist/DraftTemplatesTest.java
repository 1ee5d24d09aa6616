package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.job.UsageException;

class DraftTemplatesTest {

    private static final String FIELDS = "[customer_name, customer_id, collector, collector_email, collector_phone, "
            + "as_of, currency, invoice_count, invoice_table, total_open, total_overdue, promise, plan, not_yet_due]";
    private static final DunningStrategy STRATEGY = new DunningStrategy(List.of(
            new DunningStrategy.Step("nudge", "Email a reminder", 1, null, null, null, "email"),
            new DunningStrategy.Step("ring", "Call", -3, 0, null, null, "call")));

    @TempDir
    Path dir;

    private Path template(String language, String step, String text) throws Exception {
        Path file = dir.resolve(language).resolve(step + ".txt");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static ReminderDraft draft(String step, String name, ReminderDraft.Promise promise) {
        return new ReminderDraft("ana", "C1", name, step, d("2025-03-31"), List.of(
                new ReminderDraft.Invoice("I2", d("2025-03-21"), 10, "EUR", new BigDecimal("1234567.80"), null),
                new ReminderDraft.Invoice("I1", d("2025-04-01"), -1, "EUR", new BigDecimal("5.00"), null)), List.of(),
                List.of(), promise, null);
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingTheFileAndThePlaceholder() throws Exception {
        Path file = template("en", "polite_reminder", "Subject: Hello {{customer_nme}}\n\nBody\n");
        UsageException e = assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "en"));
        assertEquals(file + ": unknown placeholder {{customer_nme}}; the fields are " + FIELDS, e.getMessage());
        assertEquals(ExitCode.USAGE, ExitCode.of(e));
    }

    @Test
    void aWrongTemplateIsRefusedNamingTheFile() throws Exception {
        Path file = template("fr", "firm_reminder", "Subject: {{invoice_table}}\n\nBody\n");
        assertEquals(file + ": {{invoice_table}} cannot be in the subject, only in the body",
                assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "fr")).getMessage());
        template("fr", "firm_reminder", "Hello\n\nBody\n");
        assertEquals(file + ": a draft template starts with a line 'Subject: ...' and an empty line before the "
                + "body", assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "fr")).getMessage());
        template("fr", "firm_reminder", "Subject: s\n\nDear\n{{customer_name\n");
        assertEquals(file + ", line 2: '{{' without a closing '}}'",
                assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "fr")).getMessage());
        Files.write(file, new byte[] {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', (byte) 0xe9, '\n', '\n', 'b'});
        assertEquals(file + ": a draft template must be UTF-8 text",
                assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "fr")).getMessage());
    }

    @Test
    void anUnknownLanguageOrAFolderWithoutItIsRefused() throws Exception {
        assertEquals("draft language 'de' is not one of [en, fr]",
                assertThrows(UsageException.class, () -> DraftTemplates.read(null, "de")).getMessage());
        template("fr", "polite_reminder", "Subject: s\n\nb\n");
        assertEquals("draft templates " + dir + " has no folder 'en' for the draft language",
                assertThrows(UsageException.class, () -> DraftTemplates.read(dir, "en")).getMessage());
    }

    @Test
    void aWrittenStepNeedsATemplateAndATemplateAWrittenStep() throws Exception {
        assertEquals("dunning step 'nudge' is a written contact but has no en reminder template: add "
                + "<folder>/en/nudge.txt and give the folder with --draft-templates",
                assertThrows(IllegalArgumentException.class, () -> DraftTemplates.shipped().requireFor(STRATEGY))
                        .getMessage());
        template("en", "nudge", "Subject: s\n\nb\n");
        DraftTemplates.read(dir, "en").requireFor(STRATEGY);
        // A call is not written: its template would never be used, as would a misspelt one.
        Path ring = template("en", "ring", "Subject: s\n\nb\n");
        assertEquals(ring + " is the template of no written step of the dunning strategy (written steps: [nudge])",
                assertThrows(IllegalArgumentException.class, () -> DraftTemplates.read(dir, "en")
                        .requireFor(STRATEGY)).getMessage());
        Files.delete(ring);
        // A shipped step's own template, for a strategy without that step, is as unused.
        Path firm = template("en", "firm_reminder", "Subject: s\n\nb\n");
        assertEquals(firm + " is the template of no written step of the dunning strategy (written steps: [nudge])",
                assertThrows(IllegalArgumentException.class, () -> DraftTemplates.read(dir, "en")
                        .requireFor(STRATEGY)).getMessage());
        List<DunningStrategy.Step> both = new ArrayList<>(DunningStrategy.DEFAULT.steps());
        both.add(STRATEGY.steps().get(0));
        DraftTemplates.read(dir, "en").requireFor(new DunningStrategy(both));
        DraftTemplates.shipped().requireFor(DunningStrategy.DEFAULT);
        DraftTemplates.read(null, "fr").requireFor(DunningStrategy.DEFAULT);
    }

    @Test
    void aTemplateOfTheFolderReplacesTheShippedOneAndEmptyFieldsLeaveNoLine() throws Exception {
        template("en", "polite_reminder", """
                Subject:   {{ customer_name }} owes {{total_open}} ({{invoice_count}} invoices, {{currency}})

                Hello {{customer_name}} ({{customer_id}}),


                {{promise}}
                  {{plan}}

                {{invoice_table}}
                Overdue: {{total_overdue}}; as of {{as_of}}. {{collector}}
                """);
        DraftTemplates.Text t = DraftTemplates.read(dir, "en").render(draft("polite_reminder", "Tab\tand\r\nbreak",
                null));
        assertEquals("Tab and  break owes EUR 1,234,572.80 (2 invoices, EUR)", t.subject());
        assertEquals("""
                Hello Tab and  break (C1),

                Invoice  Due date          Amount due  Status
                ------------------------------------------------------
                I2       2025-03-21  EUR 1,234,567.80  10 days overdue
                I1       2025-04-01          EUR 5.00  due in 1 day
                Overdue: EUR 1,234,567.80; as of 2025-03-31. ana""", t.body());
    }

    @Test
    void promiseSentencesByStatusInBothLanguages() throws Exception {
        template("en", "polite_reminder", "Subject: s\n\n{{promise}}\n");
        template("fr", "polite_reminder", "Subject: s\n\n{{promise}}\n");
        DraftTemplates en = DraftTemplates.read(dir, "en");
        DraftTemplates fr = DraftTemplates.read(dir, "fr");
        List<String> said = List.of("pending", "partly_kept", "broken", "kept").stream().flatMap(status -> {
            ReminderDraft d = draft("polite_reminder", "X", new ReminderDraft.Promise(status, d("2025-04-04"),
                    new BigDecimal("1000.00"), "EUR"));
            return List.of(en.render(d).body(), fr.render(d).body()).stream();
        }).toList();
        assertEquals(List.of("You promised to pay EUR 1,000.00 by 2025-04-04.",
                "Vous vous \u00eates engag\u00e9 \u00e0 r\u00e9gler 1\u00a0000,00\u00a0EUR au plus tard le 04/04/2025.",
                "You promised to pay EUR 1,000.00 by 2025-04-04; we have received only part of it.",
                "Vous vous \u00e9tiez engag\u00e9 \u00e0 r\u00e9gler 1\u00a0000,00\u00a0EUR au plus tard le 04/04/2025 ; "
                        + "nous n'en avons re\u00e7u qu'une partie.",
                "You promised to pay EUR 1,000.00 by 2025-04-04; we have not received this payment.",
                "Vous vous \u00e9tiez engag\u00e9 \u00e0 r\u00e9gler 1\u00a0000,00\u00a0EUR au plus tard le 04/04/2025 ; "
                        + "nous n'avons pas re\u00e7u ce paiement.",
                // A kept promise is nothing to remind of.
                "", ""), said);
    }

    /**
     * Invoices a pending promise covers are named after the customer's promise, a sentence per promised date; a
     * broken promise keeps its own sentence.
     */
    @Test
    void invoicesLeftOutForAPendingPromiseAreNamedByPromisedDate() throws Exception {
        template("en", "polite_reminder", "Subject: s\n\n{{promise}}\n");
        template("fr", "polite_reminder", "Subject: s\n\n{{promise}}\n");
        ReminderDraft d = new ReminderDraft("ana", "C1", "X", "polite_reminder", d("2025-03-31"), List.of(
                new ReminderDraft.Invoice("I1", d("2025-04-01"), -1, "EUR", new BigDecimal("5.00"), null)), List.of(
                new ReminderDraft.Invoice("I3", d("2025-03-01"), 30, "EUR", new BigDecimal("10.00"), d("2025-04-02")),
                new ReminderDraft.Invoice("I4", d("2025-03-02"), 29, "EUR", new BigDecimal("1234.50"),
                        d("2025-04-02")),
                new ReminderDraft.Invoice("I5", d("2025-03-03"), 28, "EUR", new BigDecimal("30.00"), d("2025-04-09")),
                new ReminderDraft.Invoice("I6", d("2025-03-04"), 27, "EUR", new BigDecimal("6.00"), d("2025-04-02"))),
                List.of(), new ReminderDraft.Promise("broken", d("2025-03-20"), new BigDecimal("100.00"), "EUR"), null);
        assertEquals("""
                You promised to pay EUR 100.00 by 2025-03-20; we have not received this payment.
                Invoices I3 (EUR 10.00), I4 (EUR 1,234.50) and I6 (EUR 6.00) are left out of this reminder, as you \
                have promised payment on them by 2025-04-02.
                Invoice I5 (EUR 30.00) is left out of this reminder, as you have promised payment on it by \
                2025-04-09.""", DraftTemplates.read(dir, "en").render(d).body());
        assertEquals("Les factures I3 (10,00\u00a0EUR), I4 (1\u00a0234,50\u00a0EUR) et I6 (6,00\u00a0EUR) ne figurent "
                + "pas dans ce rappel, puisque vous vous \u00eates engag\u00e9 \u00e0 un r\u00e8glement au plus tard "
                + "le 02/04/2025.", DraftTemplates.read(dir, "fr").render(d).body().lines().toList().get(1));
    }

    /**
     * Invoices not yet due and at no written step are summed in one sentence, by currency, with the first due date;
     * a customer no collector is assigned to gets a reminder signed by the receivables team, not "unassigned".
     */
    @Test
    void invoicesNotYetDueAreSummedAndAnUnassignedCustomersReminderIsSignedByTheTeam() throws Exception {
        template("en", "pre_due_reminder", "Subject: s {{total_open}}\n\n{{not_yet_due}}\n{{collector}}\n");
        template("fr", "pre_due_reminder", "Subject: s\n\n{{not_yet_due}}\n{{collector}}\n");
        List<ReminderDraft.Invoice> soon = List.of(
                new ReminderDraft.Invoice("I1", d("2025-04-03"), -3, "EUR", new BigDecimal("5.00"), null));
        ReminderDraft many = new ReminderDraft(Worklist.UNASSIGNED, "C1", "X", "pre_due_reminder", d("2025-03-31"),
                soon, List.of(), List.of(
                        new ReminderDraft.Invoice("I7", d("2025-04-28"), -28, "EUR", new BigDecimal("1000.00"), null),
                        new ReminderDraft.Invoice("I8", d("2025-05-15"), -45, "EUR", new BigDecimal("234.50"), null),
                        new ReminderDraft.Invoice("I9", d("2025-05-20"), -50, "USD", new BigDecimal("20.00"), null)),
                null, null);
        DraftTemplates.Text english = DraftTemplates.read(dir, "en").render(many);
        // The subject's total is of what the reminder asks for: I1 alone.
        assertEquals("s EUR 5.00", english.subject());
        assertEquals("3 further invoices (EUR 1,234.50, USD 20.00 in total, the first due on 2025-04-28) are not "
                + "yet due, so they are not part of this reminder.\nAccounts Receivable", english.body());
        ReminderDraft one = new ReminderDraft("ana", "C1", "X", "pre_due_reminder", d("2025-03-31"), soon, List.of(),
                List.of(new ReminderDraft.Invoice("I7", d("2025-04-28"), -28, "EUR", new BigDecimal("1000.00"),
                        null)), null, null);
        assertEquals("La facture I7 (1\u00a0000,00\u00a0EUR, \u00e9ch\u00e9ance le 28/04/2025) n'est pas encore "
                + "\u00e9chue et ne fait pas partie de ce rappel.\nana", DraftTemplates.read(dir, "fr").render(one)
                .body());
        assertEquals("Service comptabilit\u00e9 clients", DraftTemplates.read(dir, "fr").render(many).body().lines()
                .toList().get(1));
    }
}
