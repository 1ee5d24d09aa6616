package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.testing.SampleRun;

/**
 * Every figure README.md and notebooks-docs/*.md quote from the bundled sample's run as of 2026-10-31, checked
 * against the output it describes: one line per quote, (doc, quoted text, how it is computed from the outputs). The
 * run is {@link SampleRun}'s: the README's command with the model gate at 5 points, so its score and worklist rank by
 * the baseline; figures of the worklist the README's own run publishes, ranked by the model, are checked against
 * {@code arscope worklist --model} at the default margin on the same run's ingest and model, which ranks as that
 * run does. scheduling.md shows the run's printed lines, checked whole. guide-cfo.md quotes no figure of a run, and forecast-and-report.md's accuracy row and the trends,
 * coverage and DSO figures the issue named are checked by {@link SampleRunOutputsTest}. Figures left unchecked in
 * the docs are of other kinds: defaults and limits, hand-made examples whose numbers are their own arithmetic, and
 * measurements on other data, each labelled with its data and date.
 */
@Tag("integration")
class DocFiguresTest {

    /** A figure a doc quotes, and the same text computed from the output it describes. */
    /** Outlooks of late invoices on the sample's pages: on the customer's own history, and on all customers'. */
    private static final String OWN_HISTORY = "15 days late; payment expected in 27 days (median of 9 invoices of its "
            + "own paid after being as late; 1 other as late was written off or credited instead)";
    private static final String ALL_CUSTOMERS = "90 days late; payment expected in 14 days (median of 11 invoices of "
            + "all customers paid after being as late; 16 others as late were written off or credited instead)";
    /** An invoice at an age where more were written off or credited than paid. */
    private static final String WRITE_OFFS_OUTNUMBER = "138 days late; payment expected in 53 days (median of 2 "
            + "invoices of all customers paid after being as late; 7 others as late were written off or credited "
            + "instead)";

    private record Quote(String doc, String quoted, Supplier<String> computed) {
    }

    private static Path day;
    private static Path byTheModel;
    private static Map<String, String> evergreen;
    private static List<Map<String, String>> team;

    @BeforeAll
    static void outputs() throws IOException {
        SampleRun run = SampleRun.get();
        day = run.day();
        assertEquals(0, run.worklistByTheModel().code(), run.worklistByTheModel().err());
        byTheModel = run.shared().resolve("worklist-by-the-model");
        evergreen = named(byTheModel.resolve("worklist-customers.csv")).stream()
                .filter(r -> r.get("customer_name").equals("Evergreen Pharma Pty") && r.get("queue").equals("collect"))
                .findFirst().orElseThrow();
        team = named(byTheModel.resolve("worklist-team.csv"));
    }

    private static final String CUSTOMER_NOT_LATE = "\"13% risk of paying late, by amount over its 3 open invoices; "
            + "the first due is expected paid in 9 days\"";

    private static List<Quote> quotes() {
        String lead = "notebooks-docs/guide-collections-lead.md";
        String worklists = "notebooks-docs/worklists.md";
        String risk = "notebooks-docs/risk-model.md";
        List<Quote> quotes = new ArrayList<>(List.of(
                new Quote("README.md", "(333 customers, 5,030 invoices in the 36 months from 2023-11 to 2026-10; 1,646 "
                        + "collection contacts, 87 promises to pay and 9 payment-plan instalments)",
                        DocFiguresTest::sampleSize),
                // Evergreen Pharma's collection line in the worklist: its open amount, and its reasons said with its
                // own figures.
                new Quote(lead, "\"USD 131,154.86\"", () -> "\"USD " + money(evergreen.get("open_amount")) + "\""),
                new Quote(worklists, "`USD 131,154.86`", () -> "`USD " + money(evergreen.get("open_amount")) + "`"),
                new Quote(lead, "\"USD 32,553.35 of its USD 131,154.86 open is overdue (25%)\"",
                        () -> "\"" + overdueShare(evergreen) + "\""),
                new Quote(worklists, "`USD 32,553.35 of its USD 131,154.86 open is overdue (25%)`",
                        () -> "`" + overdueShare(evergreen) + "`"),
                // Redstone Motors' line: no action yet on its top invoice, a reason about that invoice.
                new Quote(lead, "(\"INV00004947: invoice is 1.9 times its usual amount\")",
                        () -> "(\"" + aboutItsTopInvoice(collectLine("Redstone Motors GmbH")) + "\")"),
                new Quote(worklists, "`INV00004947: invoice is 1.9 times its usual amount`",
                        () -> "`" + aboutItsTopInvoice(collectLine("Redstone Motors GmbH")) + "`"),
                new Quote(lead, "\"44% of its earlier invoices were late (paid late, or unpaid past due)\"",
                        () -> "\"" + evergreen.get("reason_2") + "\""),
                // The outlook as the collectors' pages say it.
                new Quote(lead, "\"%s\";".formatted(OWN_HISTORY),
                        () -> "\"" + onAPage(OWN_HISTORY) + "\";"),
                new Quote(lead, "\"%s\";".formatted(ALL_CUSTOMERS),
                        () -> "\"" + onAPage(ALL_CUSTOMERS) + "\";"),
                new Quote(worklists, "\"%s\".".formatted(OWN_HISTORY),
                        () -> "\"" + onAPage(OWN_HISTORY) + "\"."),
                new Quote(worklists, "\"%s\" when".formatted(ALL_CUSTOMERS),
                        () -> "\"" + onAPage(ALL_CUSTOMERS) + "\" when"),
                new Quote(worklists, "\"%s\";".formatted(WRITE_OFFS_OUTNUMBER),
                        () -> "\"" + onAPage(WRITE_OFFS_OUTNUMBER) + "\";"),
                new Quote(worklists, "\"88% risk of paying late; payment expected in 24 days\"",
                        () -> "\"" + onAPage("88% risk of paying late; payment expected in 24 days") + "\""),
                new Quote(worklists, CUSTOMER_NOT_LATE, () -> "\"" + onAPage(CUSTOMER_NOT_LATE.substring(1,
                        CUSTOMER_NOT_LATE.length() - 1)) + "\""),
                // The published model fell behind the baseline on the sample's test window: the team page says so.
                new Quote(risk, "\"late amount in the riskiest 20% of test invoices 30.0%, baseline 32.9%\"",
                        () -> "\"" + onTheTeamPage("late amount in the riskiest 20% of test invoices 30.0%, baseline "
                                + "32.9%") + "\""),
                // The team page: slots used of all collectors' capacity, and one collector's.
                new Quote(lead, "(\"18 of 250\")", () -> "(\"" + onTheTeamPage(slotsUsed()) + "\")"),
                new Quote(worklists, "(18 of 250 is 7.2%)", () -> "(" + onTheTeamPage(slotsUsed()) + " is "
                        + onTheTeamPage(percent(sum("today_customers"), sum("capacity"))) + ")"),
                new Quote(worklists, "(\"3 of 25\")", () -> "(\"" + onTheTeamPage(collectorSlots("ben.carter"))
                        + "\")"),
                new Quote(lead, "(25 customers and 10 disputes per collector by default;", () -> String.format(
                        "(%s customers and %s disputes per collector by default;", team.get(0).get("capacity"),
                        team.get(0).get("dispute_capacity"))),
                // The score step's baseline reason, from the run's scores (ranked by the baseline).
                new Quote(risk, "`ranked by its own record (the model was refused): 43% of its earlier invoices were "
                        + "late (paid late, or unpaid past due)`", () -> "`" + reason(day.resolve("score/scores.csv"),
                                "ranked by its own record (the model was refused): 43% of its earlier invoices were "
                                        + "late (paid late, or unpaid past due)") + "`"),
                // A quarter's and a year's CEI out of the 0-100 range, from the run's period_metrics.
                new Quote("notebooks-docs/metrics-outputs.md", "EMEA's 2023 reads 4,108 in the sample, APAC's 2025-Q3 "
                        + "\u2212425.7", () -> String.format(Locale.ROOT, "EMEA's 2023 reads %,.0f in the sample, "
                        + "APAC's 2025-Q3 \u2212%.1f", cei("EMEA", "2023"), -cei("APAC", "2025-Q3"))),
                // A slice that billed little in the month: its standard DSO beside its countback, in the report.
                new Quote("notebooks-docs/forecast-and-report.md", "lucia.mendes: 386.4 against 52.0", () -> {
                    Map<String, String> m = named(day.resolve("metrics/period_metrics.csv")).stream()
                            .filter(r -> r.get("dimension").equals("collector") && r.get("value").equals("lucia.mendes")
                                    && r.get("period").equals("2026-10")).findFirst().orElseThrow();
                    return String.format(Locale.ROOT, "lucia.mendes: %.1f against %.1f",
                            Double.parseDouble(m.get("dso_standard")), Double.parseDouble(m.get("dso_countback")));
                })));
        // risk-model.md's reasons in words, each a reason of an invoice of the worklist ranked by the model.
        for (String words : List.of("93% of its earlier invoices were late (paid late, or unpaid past due)",
                "pays 61 days late on average",
                "about 41% of its invoices are paid late (its record, weighed with its segment's)", "in its segment, 50% of invoices are late",
                "has lately paid 6 days later than its own average",
                "has paid each of its latest invoices about 1 day later than the one before",
                "settles 3 days after its due dates on average", "paid 31% of its invoices in parts",
                "100% of its balance on other invoices is overdue", "has USD 27,179.90 open on its other invoices",
                "has 2 other invoices open", "its other open invoices are 34 days old on average",
                "has another invoice 9 days past due", "67% of its disputes ended in a credit",
                "4 earlier invoices to judge by, fewer than the average customer's",
                "a customer for 752 days, less than the average customer",
                "no payment for 99 days", "uses 38% of its credit limit", "long payment terms: 45 days",
                "a larger invoice than most: USD 14,526.39", "invoice is 4.6 times its usual amount")) {
            quotes.add(new Quote(risk, "\"" + words + "\"", () -> "\"" + invoiceReason(words) + "\""));
        }
        return quotes;
    }

    @Test
    void everyQuotedFigureIsInItsDocAndEqualsTheOutputItDescribes() {
        List<String> problems = new ArrayList<>();
        for (Quote q : quotes()) {
            if (!doc(q.doc()).contains(q.quoted())) {
                problems.add(q.doc() + " does not quote " + q.quoted());
            }
            String computed = q.computed().get();
            if (!computed.equals(q.quoted())) {
                problems.add(q.doc() + " quotes " + q.quoted() + " but the outputs give " + computed);
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * guide-collections-lead.md, like guide-cfo.md, quotes no figure of a run but those above: outside code, its
     * other decimals, amounts and percents are the worklist backtest's, measured on generated data and given with
     * their data and date in worklists.md's table.
     */
    @Test
    void theCollectionsLeadsGuideQuotesNoOtherFigure() {
        String lead = "notebooks-docs/guide-collections-lead.md";
        String text = doc(lead);
        for (Quote q : quotes()) {
            if (q.doc().equals(lead)) {
                text = text.replace(q.quoted(), "");
            }
        }
        List<String> left = Pattern.compile("\\d+(\\.\\d+)?%|\\d+\\.\\d+|\\d{1,3}(,\\d{3})+")
                .matcher(text.replaceAll("`[^`]*`", "")).results().map(m -> m.group()).toList();
        assertEquals(List.of("10%", "10%", "71.5%", "39.6%", "19.0%", "64.4%", "17.8%"), left);
        String measured = doc("notebooks-docs/worklists.md");
        assertTrue(measured.contains("Measured (2026-11-23, top 10%, 30-day horizon, default settings;"));
        assertTrue(measured.contains("| **71.5%** / 39.6% / 19.0% |"));
        assertTrue(measured.contains("| **64.4%** / 17.8% / 0.0% |"));
    }

    /**
     * scheduling.md shows what this run prints: every line checked, but the seconds and the run's id, which differ
     * from run to run, and the root, {@code /ar} in the doc.
     */
    @Test
    void schedulingShowsTheLinesTheRunPrints() throws IOException {
        SampleRun run = SampleRun.get();
        String root = run.shared().resolve("root").toString();
        String doc = Files.readString(Path.of("../notebooks-docs/scheduling.md"));
        Pattern block = Pattern.compile("```\n(2026-10-31 run started .*?)```", Pattern.DOTALL);
        var found = block.matcher(doc);
        assertTrue(found.find(), "scheduling.md's sample run");
        assertEquals(printed(run.out().replace(root, "/ar")), printed(found.group(1)));
    }

    /** Printed lines with the seconds and the run's id masked. */
    private static List<String> printed(String text) {
        return text.lines().map(l -> l.replaceAll("\\d+\\.\\d s\\b", "#.# s").replaceAll(
                "\\d{8}T\\d{6}\\.\\d{3}Z", "<run>").replaceAll(" +", " ")).toList();
    }

    /**
     * The README's description of the sample: customers and invoices ingested, the months of metrics, and the
     * collections activity ingested.
     */
    private static String sampleSize() {
        try {
            var outputs = new ObjectMapper().readTree(day.resolve("ingest/ingest-run.json").toFile()).path("outputs");
            List<String> months = named(day.resolve("metrics/period_metrics.csv")).stream()
                    .filter(r -> r.get("dimension").equals("total") && r.get("period_type").equals("month"))
                    .map(r -> r.get("period")).sorted().toList();
            return String.format("(%d customers, %,d invoices in the %d months from %s to %s; %,d collection "
                    + "contacts, %,d promises to pay and %,d payment-plan instalments)",
                    outputs.path("canonical/customers").asInt(), outputs.path("canonical/invoices").asInt(),
                    months.size(), months.get(0), months.get(months.size() - 1),
                    outputs.path("canonical/contacts").asInt(), outputs.path("canonical/promises").asInt(),
                    outputs.path("canonical/plan_instalments").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer row's overdue reason, from its own amounts; checked against the row's first reason. */
    /** The row's reason about its top invoice, which names it. */
    /** A customer's line of the collection queue in the worklist ranked by the model. */
    private static Map<String, String> collectLine(String name) {
        return named(byTheModel.resolve("worklist-customers.csv")).stream()
                .filter(r -> r.get("customer_name").equals(name) && r.get("queue").equals("collect")).findFirst()
                .orElseThrow();
    }

    private static String aboutItsTopInvoice(Map<String, String> row) {
        return java.util.stream.Stream.of(row.get("reason_1"), row.get("reason_2"), row.get("reason_3"))
                .filter(r -> r.startsWith(row.get("top_invoice_id") + ": ")).findFirst()
                .orElse("no reason names " + row.get("top_invoice_id"));
    }

    private static String overdueShare(Map<String, String> row) {
        BigDecimal open = new BigDecimal(row.get("open_amount"));
        BigDecimal overdue = new BigDecimal(row.get("overdue_amount"));
        String said = String.format("USD %s of its USD %s open is overdue (%s%%)", money(row.get("overdue_amount")),
                money(row.get("open_amount")), overdue.multiply(BigDecimal.valueOf(100)).divide(open, 0,
                        RoundingMode.HALF_UP));
        return said.equals(row.get("reason_1")) ? said : "reason_1 " + row.get("reason_1") + " vs " + said;
    }

    private static String slotsUsed() {
        return sum("today_customers") + " of " + sum("capacity");
    }

    private static String collectorSlots(String collector) {
        Map<String, String> row = team.stream().filter(r -> r.get("collector").equals(collector)).findFirst()
                .orElseThrow();
        return row.get("today_customers") + " of " + row.get("capacity");
    }

    /** The assigned collectors' total of a count column of worklist-team.csv. */
    private static int sum(String column) {
        return team.stream().filter(r -> r.get("assigned").equals("true"))
                .mapToInt(r -> Integer.parseInt(r.get(column))).sum();
    }

    private static String percent(int part, int whole) {
        return BigDecimal.valueOf(1000L * part).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP)
                .movePointLeft(1) + "%";
    }

    private static String onTheTeamPage(String text) {
        return within(byTheModel.resolve("pages/team.html"), text);
    }

    /** The text when a collector's page of the worklist ranked by the model says it. */
    private static String onAPage(String text) {
        try (Stream<Path> pages = Files.list(byTheModel.resolve("pages"))) {
            // Hadoop's hidden checksum files aside.
            return pages.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals("team.html"))
                    .anyMatch(p -> !within(p, text).startsWith("not in")) ? text : "not on a collector's page";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String within(Path file, String text) {
        try {
            return Files.readString(file).contains(text) ? text : "not in " + file.getFileName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text when it is a whole reason cell (reason_1..3) of the CSV. */
    private static String reason(Path csv, String text) {
        return named(csv).stream().flatMap(r -> Stream.of(r.get("reason_1"), r.get("reason_2"), r.get("reason_3")))
                .anyMatch(text::equals) ? text : "no such reason in " + csv.getFileName();
    }

    /** The text when it is a reason of an invoice row of the worklist ranked by the model. */
    private static String invoiceReason(String text) {
        try (Stream<Path> files = Files.list(byTheModel.resolve("by-collector"))) {
            return files.filter(f -> f.toString().endsWith(".csv") && !f.getFileName().toString().startsWith("."))
                    .anyMatch(f -> reason(f, text).equals(text)) ? text : "no invoice's reason";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CEI of a region's period in the run's period_metrics. */
    private static double cei(String region, String period) {
        return Double.parseDouble(named(day.resolve("metrics/period_metrics.csv")).stream()
                .filter(r -> r.get("dimension").equals("region") && r.get("value").equals(region)
                        && r.get("period").equals(period)).findFirst().orElseThrow().get("cei"));
    }

    /** An amount of a CSV as the pages show it: thousands separated, two decimals. */
    private static String money(String cell) {
        return String.format(Locale.ROOT, "%,.2f", new BigDecimal(cell));
    }

    /** A doc's text with its line breaks as spaces, so that a quote may run over two lines. */
    private static String doc(String doc) {
        try {
            return Files.readString(Path.of("..", doc)).replaceAll("\\s*\n\\s*", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> named(Path file) {
        return SampleRunOutputsTest.named(SampleRunOutputsTest.csv(file));
    }
}
