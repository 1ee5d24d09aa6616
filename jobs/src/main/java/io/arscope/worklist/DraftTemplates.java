package io.arscope.worklist;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.arscope.activity.PromiseStatus;
import io.arscope.job.UsageException;
import io.arscope.run.EmlMessage;

/**
 * The templates reminder drafts are written from: one per written dunning step and language, a file whose first
 * line is {@code Subject: ...}, then an empty line, then the body. A template names the draft's fields as
 * {@code {{field}}} ({@link #FIELDS}); an unknown field, or a multi-line field in the subject, is refused when the
 * templates are read, naming the file. Templates for the default strategy's written steps are shipped in English and
 * French; a folder given by {@code --draft-templates} holds {@code <language>/<step code>.txt} files that replace
 * them or add templates for a strategy's own steps.
 */
public final class DraftTemplates {

    /** The fields a template may name, each with what it holds (the worklist docs list them). */
    public static final Map<String, String> FIELDS = fields();
    /** The fields of more than one line, or sentences of their own, which belong in the body only. */
    private static final Set<String> BODY_ONLY = Set.of("invoice_table", "promise", "plan", "not_yet_due");
    private static final String RESOURCES = "/io/arscope/worklist/drafts/";
    /** The written steps of the default strategy, whose templates are shipped. */
    private static final List<String> SHIPPED = DunningStrategy.DEFAULT.steps().stream()
            .filter(DunningStrategy.Step::written).map(DunningStrategy.Step::code).toList();

    private final DraftLanguage language;
    private final String folder;
    /** Templates by step code. */
    private final Map<String, Template> templates;
    private final CollectorNames collectors;

    /** One step's template, and the file it came from (for messages). */
    record Template(String source, String subject, String body, boolean own) {
    }

    /** A rendered draft: its subject (one line) and its body (lines separated by {@code \n}). */
    public record Text(String subject, String body) {
    }

    private DraftTemplates(DraftLanguage language, String folder, Map<String, Template> templates,
            CollectorNames collectors) {
        this.language = language;
        this.folder = folder;
        this.templates = templates;
        this.collectors = collectors;
    }

    /** These templates, the drafts signed with the names, addresses and phone numbers of {@code collectors}. */
    public DraftTemplates signedBy(CollectorNames collectors) {
        return new DraftTemplates(language, folder, templates, collectors);
    }

    /** Who signs the drafts: {@link CollectorNames#NONE} when no collectors file was given. */
    public CollectorNames collectors() {
        return collectors;
    }

    /** The shipped English templates. */
    public static DraftTemplates shipped() {
        try {
            return read(null, DraftLanguage.EN.code());
        } catch (UsageException e) {
            throw new IllegalStateException("the shipped templates are wrong: " + e.getMessage(), e);
        }
    }

    /**
     * The templates of a language: the shipped ones, each replaced by {@code folder/<language>/<step>.txt} when
     * that file is there, and that folder's templates for other steps.
     *
     * @param folder null for the shipped templates alone
     * @throws UsageException when a template is wrong, naming the file, or the folder has no such language folder
     */
    public static DraftTemplates read(Path folder, String languageCode) throws UsageException {
        DraftLanguage language;
        try {
            language = DraftLanguage.of(languageCode);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Template> templates = new TreeMap<>();
        for (String step : SHIPPED) {
            String resource = RESOURCES + language.code() + "/" + step + ".txt";
            try (InputStream in = DraftTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped template " + resource + " is missing");
                }
                templates.put(step, parse("arscope:" + resource, in.readAllBytes(), false));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the shipped template " + resource, e);
            }
        }
        if (folder != null) {
            Path languageFolder = folder.resolve(language.code());
            if (!Files.isDirectory(languageFolder)) {
                throw new UsageException("draft templates " + folder + " has no folder '" + language.code()
                        + "' for the draft language");
            }
            try (Stream<Path> files = Files.list(languageFolder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    templates.put(name.substring(0, name.length() - ".txt".length()),
                            parse(file.toString(), Files.readAllBytes(file), true));
                }
            } catch (IOException e) {
                throw new UsageException("cannot read draft templates " + languageFolder + ": " + UsageException.reason(e));
            }
        }
        return new DraftTemplates(language, folder == null ? null : folder.toString(), templates, CollectorNames.NONE);
    }

    public DraftLanguage language() {
        return language;
    }

    /**
     * Checks the templates against a strategy: every written step has a template, and every template of the
     * templates folder is a written step's (a misspelt file name would otherwise leave the shipped one in use).
     *
     * @throws IllegalArgumentException naming the step or the file
     */
    public void requireFor(DunningStrategy strategy) {
        Set<String> written = strategy.steps().stream().filter(DunningStrategy.Step::written)
                .map(DunningStrategy.Step::code).collect(Collectors.toCollection(TreeSet::new));
        for (String step : written) {
            if (!templates.containsKey(step)) {
                throw new IllegalArgumentException("dunning step '" + step + "' is a written contact but has no "
                        + language.code() + " reminder template: add "
                        + (folder == null ? "<folder>" : folder) + "/" + language.code() + "/" + step
                        + ".txt and give the folder with --draft-templates");
            }
        }
        for (Map.Entry<String, Template> t : templates.entrySet()) {
            if (t.getValue().own() && !written.contains(t.getKey())) {
                throw new IllegalArgumentException(t.getValue().source() + " is the template of no written step of "
                        + "the dunning strategy (written steps: " + written + ")");
            }
        }
    }

    /** The draft in words, from its step's template. */
    public Text render(ReminderDraft draft) {
        Template t = templates.get(draft.step());
        if (t == null) {
            throw new IllegalStateException("no template for dunning step " + draft.step());
        }
        Map<String, String> values = values(draft);
        String subject = substitute(t.subject(), values);
        List<String> lines = new ArrayList<>();
        for (String line : t.body().split("\n", -1)) {
            String field = alone(line);
            if (field != null && values.get(field).isEmpty()) {
                continue;
            }
            lines.add(substitute(line, values));
        }
        return new Text(subject, collapseBlankLines(String.join("\n", lines)));
    }

    /** The values of the fields for a draft; text from the data is one line of plain text. */
    private Map<String, String> values(ReminderDraft d) {
        Map<String, BigDecimal> open = new TreeMap<>();
        Map<String, BigDecimal> overdue = new TreeMap<>();
        for (ReminderDraft.Invoice i : d.invoices()) {
            open.merge(i.currency(), i.due(), BigDecimal::add);
            overdue.merge(i.currency(), i.daysPastDue() > 0 ? i.due() : BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("customer_name", plain(d.addressee()));
        v.put("customer_id", plain(d.customerId()));
        java.util.Optional<CollectorNames.Signature> signature = collectors.of(d.collector());
        v.put("collector", signature.map(CollectorNames.Signature::name).orElse(
                Worklist.UNASSIGNED.equals(d.collector()) ? language.team() : plain(d.collector())));
        v.put("collector_email", signature.map(CollectorNames.Signature::email).orElse(""));
        v.put("collector_phone", signature.map(CollectorNames.Signature::phone).orElse(""));
        v.put("as_of", language.date(d.asOf()));
        v.put("currency", plain(String.join(", ", open.keySet())));
        v.put("invoice_count", Integer.toString(d.invoices().size()));
        v.put("invoice_table", table(d.invoices()));
        v.put("total_open", totals(open));
        v.put("total_overdue", totals(overdue));
        v.put("promise", promise(d));
        v.put("plan", d.instalment() == null ? "" : language.instalment(d.instalment()));
        v.put("not_yet_due", notYetDue(d.notYetDue()));
        return v;
    }

    private String notYetDue(List<ReminderDraft.Invoice> invoices) {
        if (invoices.isEmpty()) {
            return "";
        }
        Map<String, BigDecimal> total = new TreeMap<>();
        invoices.forEach(i -> total.merge(i.currency(), i.due(), BigDecimal::add));
        return language.notYetDue(invoices, totals(total), plain(invoices.get(0).invoiceId()));
    }

    /**
     * The sentence on the customer's promise, then one on the invoices left out for a pending promise, a line per
     * promised date. A pending promise's own sentence is left to the second, which says the same with the invoices.
     */
    private String promise(ReminderDraft d) {
        List<String> sentences = new ArrayList<>();
        if (d.promise() != null && !(PromiseStatus.PENDING.equals(d.promise().status()) && !d.promised().isEmpty())) {
            sentences.add(language.promise(d.promise()));
        }
        Map<LocalDate, List<String>> byDate = new TreeMap<>();
        for (ReminderDraft.Invoice i : d.promised()) {
            byDate.computeIfAbsent(i.promisedBy(), k -> new ArrayList<>()).add(plain(i.invoiceId()) + " ("
                    + language.money(i.due(), plain(i.currency())) + ")");
        }
        byDate.forEach((by, invoices) -> sentences.add(language.promised(invoices, by)));
        return String.join("\n", sentences.stream().filter(t -> !t.isEmpty()).toList());
    }

    private String totals(Map<String, BigDecimal> byCurrency) {
        return byCurrency.entrySet().stream().map(e -> language.money(e.getValue(), plain(e.getKey())))
                .collect(Collectors.joining(", "));
    }

    /** The invoices as a plain-text table: invoice, due date, amount due (right-aligned), status. */
    private String table(List<ReminderDraft.Invoice> invoices) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(language.headings());
        for (ReminderDraft.Invoice i : invoices) {
            rows.add(List.of(plain(i.invoiceId()), language.date(i.dueDate()), language.money(i.due(),
                    plain(i.currency())), language.status(i.daysPastDue())));
        }
        int[] widths = new int[4];
        for (List<String> r : rows) {
            for (int c = 0; c < 4; c++) {
                widths[c] = Math.max(widths[c], length(r.get(c)));
            }
        }
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < rows.size(); n++) {
            List<String> r = rows.get(n);
            lines.add(pad(r.get(0), widths[0], false) + "  " + pad(r.get(1), widths[1], false) + "  "
                    + pad(r.get(2), widths[2], true) + "  " + r.get(3));
            if (n == 0) {
                lines.add("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 6));
            }
        }
        return String.join("\n", lines);
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(width - length(text));
        return right ? space + text : text + space;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * A value from the data as one line of plain text, so that no value adds a line to a subject or address, or a
     * line of its own to the body.
     */
    static String plain(String value) {
        return EmlMessage.oneLine(value);
    }

    /**
     * Reads a template's bytes: strict UTF-8, a subject line, an empty line, a body; every field known.
     *
     * @param own whether the template is the user's (from the templates folder) rather than shipped
     */
    static Template parse(String source, byte[] bytes, boolean own) throws UsageException {
        String text;
        try {
            text = Utf8Text.of(bytes);
        } catch (CharacterCodingException e) {
            throw new UsageException(source + ": a draft template must be UTF-8 text");
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.regionMatches(true, 0, "Subject:", 0, "Subject:".length())
                || end < 0 || !text.startsWith("\n", end + 1)) {
            throw new UsageException(source + ": a draft template starts with a line 'Subject: ...' and an empty "
                    + "line before the body");
        }
        String subject = first.substring("Subject:".length()).strip();
        String body = text.substring(end + 2).stripTrailing();
        for (String field : fields(source, subject)) {
            if (BODY_ONLY.contains(field)) {
                throw new UsageException(source + ": {{" + field + "}} cannot be in the subject, only in the body");
            }
        }
        fields(source, body);
        return new Template(source, subject, body, own);
    }

    /** The fields named in {@code text}; an unknown or unclosed one is refused, naming the file and line. */
    private static List<String> fields(String source, String text) throws UsageException {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            for (int at = line.indexOf("{{"); at >= 0; at = line.indexOf("{{", at + 2)) {
                int close = line.indexOf("}}", at + 2);
                if (close < 0) {
                    throw new UsageException(source + ", line " + (n + 1) + ": '{{' without a closing '}}'");
                }
                String field = line.substring(at + 2, close).strip();
                if (!FIELDS.containsKey(field)) {
                    throw new UsageException(source + ": unknown placeholder {{" + field + "}}; the fields are "
                            + FIELDS.keySet());
                }
                found.add(field);
                at = close;
            }
        }
        return found;
    }

    /** The field a line holds alone (spaces aside), or null. */
    private static String alone(String line) {
        String s = line.strip();
        if (s.startsWith("{{") && s.endsWith("}}") && s.indexOf("{{", 2) < 0) {
            return s.substring(2, s.length() - 2).strip();
        }
        return null;
    }

    private static String substitute(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = text.indexOf("{{"); at >= 0; at = text.indexOf("{{", from)) {
            int close = text.indexOf("}}", at + 2);
            out.append(text, from, at).append(values.get(text.substring(at + 2, close).strip()));
            from = close + 2;
        }
        return out.append(text.substring(from)).toString();
    }

    /** Runs of empty lines (left where empty fields stood alone) as one empty line. */
    private static String collapseBlankLines(String text) {
        return text.replaceAll("\n{3,}", "\n\n");
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("customer_name", "the customer's name, or its id when it has none");
        f.put("customer_id", "the customer's id");
        f.put("collector", "the customer's collector: its name from the collectors file (--collectors), else its id as "
                + "in the data; the receivables team (Accounts Receivable) for a customer no collector is assigned to, "
                + "unless the file names 'unassigned'");
        f.put("collector_email", "the collector's e-mail address from the collectors file; empty when none");
        f.put("collector_phone", "the collector's phone number from the collectors file; empty when none");
        f.put("as_of", "the worklist's day");
        f.put("currency", "the currency of the amounts (several separated by commas)");
        f.put("invoice_count", "the number of invoices listed");
        f.put("invoice_table", "the invoices the reminder asks for: invoice, due date, amount due and status, one "
                + "line each (body only)");
        f.put("total_open", "the sum of their amounts due, with the currency");
        f.put("total_overdue", "the part of it past its due date, with the currency");
        f.put("promise", "a sentence on the customer's promise to pay, and one on the invoices left out because a "
                + "pending promise covers them; empty when none (body only)");
        f.put("plan", "a sentence on the plan instalment due or missed, empty when none (body only)");
        f.put("not_yet_due", "a sentence on the open invoices not yet due that no written step has reached, left out "
                + "of the table and totals: their number, total and first due date; empty when none (body only)");
        return Collections.unmodifiableMap(f);
    }
}
