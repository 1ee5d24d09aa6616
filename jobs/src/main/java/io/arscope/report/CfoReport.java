package io.arscope.report;

import static io.arscope.run.HtmlText.escape;
import static io.arscope.report.Html.bulletList;
import static io.arscope.report.Html.cell;
import static io.arscope.report.Html.countCell;
import static io.arscope.report.Html.div;
import static io.arscope.report.Html.element;
import static io.arscope.report.Html.h1;
import static io.arscope.report.Html.h2;
import static io.arscope.report.Html.h3;
import static io.arscope.report.Html.line;
import static io.arscope.report.Html.moneyCell;
import static io.arscope.report.Html.note;
import static io.arscope.report.Html.numCell;
import static io.arscope.report.Html.paragraph;
import static io.arscope.report.Html.row;
import static io.arscope.report.Html.section;
import static io.arscope.report.Html.shareCell;
import static io.arscope.report.Html.span;
import static io.arscope.report.Html.strong;
import static io.arscope.report.Html.table;
import static io.arscope.report.Html.th;
import static io.arscope.report.Html.thNum;
import static io.arscope.report.Html.totalRow;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.metrics.ActivityGaps;
import io.arscope.metrics.ContactCoverage;
import io.arscope.metrics.ProvisionMatrix;
import io.arscope.risk.ModelGate;

/**
 * The CFO report as one self-contained HTML page: headline figures with their change against last month and last
 * year, the DSO family and CEI over time, aging at each month-end, collections activity (promises kept, contact
 * coverage, plan adherence) per collector, roll rates and the credit-loss allowance, the cash forecast with its
 * interval and measured accuracy, and the customers with the most money expected late. Styles and charts are
 * inline; the page loads nothing and runs no script.
 */
public final class CfoReport {

    static final int TREND_MONTHS = 24;
    static final int AGING_MONTHS = 12;
    static final int RISKIEST = 10;
    /** The slicing dimension whose values are collectors (a customer column of the canonical model). */
    private static final String COLLECTOR = "collector";
    /** Why an activity figure is missing when none of its kind was recorded by the month's end. */
    private static final String[] PALETTE = {"#2f6f9f", "#5aa469", "#e0a030", "#d9603b", "#a23b72", "#6b4c9a",
        "#3b9ea2", "#888888"};

    /**
     * A headline figure: its latest value (or n/a and why), its changes against last month and last year (or why
     * there is none), and which direction is good news. A figure with nothing to compare has null changes and reasons.
     */
    record Kpi(String name, String value, Double changeVsMonth, String noChangeVsMonth, Double changeVsYear,
            String noChangeVsYear, String unit, int goodDirection) {
    }

    private CfoReport() {
    }

    /** The share by which new sales may run below or above their trailing average in the forecast's scenario. */
    public static final double DEFAULT_SALES_SCENARIO = 0.10;

    public static String render(ReportData data, String title, String generatedBy) {
        return render(data, title, generatedBy, DEFAULT_SALES_SCENARIO);
    }

    /** @param salesScenario the forecast's scenario band: new sales this share below and above their average */
    public static String render(ReportData data, String title, String generatedBy, double salesScenario) {
        String body = header(data, title, generatedBy)
                + (data.months().isEmpty() ? ""
                        : headline(data) + SignificantTrends.section(data.trends()) + trends(data) + aging(data)
                                + slices(data))
                + activity(data) + provision(data) + forecast(data, salesScenario) + riskiest(data) + watch(data) + alerts(data) + notes();
        return line("<!DOCTYPE html>")
                + line("<html lang=\"en\">\n" + head(title) + line(element("body", "\n" + body)) + "</html>");
    }

    private static String head(String title) {
        return line(element("head", "\n" + line("<meta charset=\"utf-8\">")
                + line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                + line(element("title", escape(title))) + line(element("style", "\n" + STYLE))));
    }

    private static String header(ReportData data, String title, String generatedBy) {
        String latestMonth = data.months().isEmpty() ? ""
                : " &middot; latest closed month " + escape(last(data.months()).month());
        String rejects = data.ingestRejects() == null ? ""
                : element("p", "warning", escape(data.ingestRejects()));
        return line(element("header", h1(title) + element("p", "meta", "As of " + strong(data.asOf().toString())
                + latestMonth + " &middot; amounts in " + (data.currency() == null ? "the ledger's currency"
                : strong(escape(data.currency()))) + converted(data) + currencyAssumed(data) + " &middot; "
                + escape(generatedBy))
                + rejects));
    }

    /**
     * The currencies converted into the reporting one, and how, where the report names it: "amounts in GBP" over a
     * ledger that holds EUR and USD customers hides that a tenth of the book is foreign, and at which rates.
     */
    private static String converted(ReportData data) {
        List<String> from = data.convertedFrom();
        if (from == null || from.isEmpty()) {
            return "";
        }
        String named = from.size() == 1 ? from.get(0)
                : String.join(", ", from.subList(0, from.size() - 1)) + " and " + from.get(from.size() - 1);
        return " (" + escape(named) + " converted into it: sales, cash and credits at the rate of their day, balances"
                + " at the rate of the month-end or the as-of date)";
    }

    /**
     * Where the export names no currency and the mapping set one, the report says so where it names the currency:
     * the figures are in it only as far as the mapping's author knew the ledger's currency.
     */
    private static String currencyAssumed(ReportData data) {
        return data.currencySetByMapping() == null ? ""
                : " (the export names no currency: the mapping sets every invoice's to "
                        + escape(data.currencySetByMapping()) + ")";
    }

    // ---- headline

    /** The KPI of ending AR less the on-account items, beside the gross "Ending AR" of the open invoices. */
    static final String NET_ENDING_AR = "Net AR, less on-account items";

    static List<Kpi> kpis(ReportData data) {
        List<ReportData.Month> months = data.months();
        List<Kpi> out = new ArrayList<>();
        out.add(kpi("Ending AR", months, ReportData.Month::endingAr, CfoReport::emptyIn, FinanceFormat::money, "", 0));
        out.add(kpi(NET_ENDING_AR, months, ReportData.Month::netEndingAr, CfoReport::emptyIn, FinanceFormat::money, "",
                0));
        out.add(kpi("DSO (countback)", months, ReportData.Month::dsoCountback,
                m -> noCountback(m, m.endingAr(), "ending AR"),
                FinanceFormat::days, " days", -1));
        // The floor the terms allow: neither way is good news (guide-cfo.md: "stable"), so a change is not coloured.
        out.add(kpi("Best possible DSO (countback)", months, ReportData.Month::bpdsoCountback,
                m -> noCountback(m, m.endingAr() == null || m.pastDueAr() == null ? null
                        : m.endingAr() - m.pastDueAr(), "current AR"),
                FinanceFormat::days, " days", 0));
        out.add(kpi("Delinquent DSO (countback)", months, ReportData.Month::ddsoCountback,
                m -> m.dsoCountback() == null ? "DSO is n/a" : "best possible DSO is n/a", FinanceFormat::days,
                " days", -1));
        out.add(kpi("CEI", months, ReportData.Month::cei,
                m -> "beginning AR + credit sales - current AR is zero in " + m.month(), FinanceFormat::percent,
                " pts", 1));
        out.add(kpi("Past due share", months, m -> pct(m.pastDueShare()),
                m -> m.endingAr() == null || m.pastDueAr() == null ? emptyIn(m) : noAr(m), FinanceFormat::percent,
                " pts", -1));
        out.add(kpi("Collections in month", months, ReportData.Month::collections, CfoReport::emptyIn,
                FinanceFormat::money, "", 1));
        out.add(kpi("Disputed AR", months, ReportData.Month::disputedAr, CfoReport::emptyIn, FinanceFormat::money, "",
                -1));
        out.add(kpi("Write-offs in month", months, ReportData.Month::writeOffs, CfoReport::emptyIn,
                FinanceFormat::money, "", -1));
        if (!data.provision().isEmpty()) {
            Double now = data.allowance();
            Double then = data.lastMonthAllowance();
            String unknown = data.allowanceUnknown() + "; see the allowance below";
            out.add(new Kpi("Credit-loss allowance (ECL)", FinanceFormat.orWhy(now, FinanceFormat::money, unknown),
                    now == null || then == null ? null : now - then,
                    now == null ? unknown : then == null ? noLastMonthEcl(data) : null,
                    null, "not recomputed for a year before", "", -1));
        }
        return out;
    }

    /** Why last month's allowance is not shown: no aging of that month-end, or a loss rate unknown then. */
    private static String noLastMonthEcl(ReportData data) {
        YearMonth month = YearMonth.from(data.asOf()).minusMonths(1);
        return data.lastMonthProvision().isEmpty() ? "no aging at " + month + " in period_metrics to recompute it"
                : !data.writeOffsOnRecord() ? ProvisionMatrix.NO_WRITE_OFFS
                : "a roll rate on the way to write-off was unknown at " + month;
    }

    /** Why a figure of period_metrics is missing when nothing else explains it. */
    private static String emptyIn(ReportData.Month m) {
        return "empty in period_metrics for " + m.month();
    }

    private static String noAr(ReportData.Month m) {
        return "no AR at the end of " + m.month();
    }

    private static Double pct(Double share) {
        return share == null ? null : share * 100;
    }

    /** A figure of the latest month, against the month before and the same month a year before. */
    private static Kpi kpi(String name, List<ReportData.Month> months, Function<ReportData.Month, Double> value,
            Function<ReportData.Month, String> whyMissing, Function<Double, String> format, String unit, int good) {
        ReportData.Month now = last(months);
        Double v = value.apply(now);
        String shown = FinanceFormat.orWhy(v, format, whyMissing.apply(now));
        Optional<ReportData.Month> previous = monthBefore(months, now.month(), 1);
        Optional<ReportData.Month> yearAgo = monthBefore(months, now.month(), 12);
        return new Kpi(name, shown, change(v, previous, value), noChange(now, v, previous, 1, value),
                change(v, yearAgo, value), noChange(now, v, yearAgo, 12, value), unit, good);
    }

    private static Double change(Double now, Optional<ReportData.Month> then,
            Function<ReportData.Month, Double> value) {
        if (now == null || then.isEmpty() || value.apply(then.get()) == null) {
            return null;
        }
        return now - value.apply(then.get());
    }

    /** Why there is no change against the month {@code back} months before, or null when there is one. */
    private static String noChange(ReportData.Month now, Double v, Optional<ReportData.Month> then, int back,
            Function<ReportData.Month, Double> value) {
        if (v == null) {
            return "n/a in " + now.month();
        }
        if (then.isEmpty()) {
            return "no " + YearMonth.parse(now.month()).minusMonths(back) + " in the metrics";
        }
        return value.apply(then.get()) == null ? "n/a in " + then.get().month() : null;
    }

    static Optional<ReportData.Month> monthBefore(List<ReportData.Month> months, String month, int back) {
        String wanted = YearMonth.parse(month).minusMonths(back).toString();
        return months.stream().filter(m -> m.month().equals(wanted)).findFirst();
    }

    private static String headline(ReportData data) {
        // Said above the figures it concerns: a month cut short reads as a collapse in sales and a jump in DSO.
        String caveat = data.invoicingCutOff() == null ? ""
                : line(note("Read the latest month with care: " + escape(data.invoicingCutOff()) + "."));
        return section("headline", h2("Headline"), caveat
                + div("kpis", "\n" + String.join("", kpis(data).stream().map(CfoReport::tile).toList())));
    }

    private static String tile(Kpi k) {
        String changes = k.changeVsMonth() == null && k.noChangeVsMonth() == null ? ""
                : div("kpi-change", changeText(k, k.changeVsMonth(), k.noChangeVsMonth(), "vs last month") + "<br>"
                        + changeText(k, k.changeVsYear(), k.noChangeVsYear(), "vs last year"));
        return line(div("kpi", div("kpi-name", escape(k.name())) + div("kpi-value", escape(k.value())) + changes));
    }

    private static String changeText(Kpi k, Double change, String why, String against) {
        if (change == null) {
            return escape(FinanceFormat.NOT_AVAILABLE + " " + against + " (" + why + ")");
        }
        boolean money = k.unit().isEmpty();
        String amount = money ? (change >= 0 ? "+" : "") + FinanceFormat.money(change) : FinanceFormat.signed(change)
                + k.unit();
        String tone = k.goodDirection() == 0 || Math.abs(change) < 1e-9 ? "flat"
                : Math.signum(change) == k.goodDirection() ? "good" : "bad";
        return span(tone, amount) + " " + against;
    }

    // ---- trends and aging

    private static String trends(ReportData data) {
        List<ReportData.Month> months = tail(data.months(), TREND_MONTHS);
        List<String> labels = months.stream().map(ReportData.Month::month).toList();
        return section("dso", line(h2("DSO, best possible DSO and delinquent DSO (countback, days)")),
                SvgChart.lines("DSO trend", labels, List.of(
                        series("DSO", PALETTE[0], months, ReportData.Month::dsoCountback),
                        series("BPDSO", PALETTE[1], months, ReportData.Month::bpdsoCountback),
                        series("DDSO", PALETTE[3], months, ReportData.Month::ddsoCountback)), false))
                + section("cei", line(h2("Collection effectiveness index (CEI, %)")),
                        SvgChart.lines("CEI trend", labels,
                                List.of(series("CEI", PALETTE[0], months, ReportData.Month::cei)), false));
    }

    private static <T> SvgChart.Series series(String name, String colour, List<T> points, Function<T, Double> value) {
        return new SvgChart.Series(name, colour, points.stream().map(value).toList());
    }

    private static String aging(ReportData data) {
        List<ReportData.Month> months = tail(data.months(), AGING_MONTHS);
        List<String> labels = data.bucketLabels();
        List<SvgChart.Series> series = IntStream.range(0, labels.size()).mapToObj(b -> series(labels.get(b),
                PALETTE[b % PALETTE.length], months, m -> m.buckets().get(b))).toList();
        ReportData.Month now = last(data.months());
        List<String> rows = IntStream.range(0, labels.size()).mapToObj(b -> row(cell(labels.get(b)),
                numCell(FinanceFormat.orWhy(now.buckets().get(b), FinanceFormat::money, emptyIn(now))),
                numCell(bucketShare(now, now.buckets().get(b))))).toList();
        return section("aging", line(h2("Aging at each month-end")),
                SvgChart.stackedBars("Aging", months.stream().map(ReportData.Month::month).toList(), series),
                table(List.of(th("Bucket"), thNum(now.month()), thNum("Share")), rows));
    }

    private static String bucketShare(ReportData.Month now, Double bucket) {
        if (now.endingAr() == null || bucket == null) {
            return FinanceFormat.notAvailable(emptyIn(now));
        }
        return now.endingAr() == 0 ? FinanceFormat.notAvailable(noAr(now))
                : FinanceFormat.share(bucket / now.endingAr());
    }

    // ---- slices

    /** One table per slicing dimension: each value's DSO, CEI and aging in the latest month, largest AR first. */
    private static String slices(ReportData data) {
        if (data.slices().isEmpty()) {
            return "";
        }
        ReportData.Month total = last(data.months());
        StringBuilder tables = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(th("Value"), thNum("Ending AR"), thNum("DSO (countback)"),
                thNum("DSO (standard)"), thNum("CEI"), thNum("Past due share")));
        data.bucketLabels().forEach(b -> header.add(thNum(b)));
        List<String> dimensions = data.slices().stream().map(ReportData.Slice::dimension).distinct().toList();
        // A dimension the data never names (IBM's export has a country and no business unit, collector, region or
        // segment) is one slice, "(none)" ("unassigned" for the collector), the whole portfolio again: said once
        // instead of a table repeating the total.
        List<String> unnamed = dimensions.stream().filter(d -> data.slices().stream()
                .filter(s -> s.dimension().equals(d)).allMatch(s -> InvoiceHistory.NONE.equals(s.value())
                        || d.equals(InvoiceHistory.COLLECTOR) && InvoiceHistory.UNASSIGNED.equals(s.value()))).toList();
        for (String dimension : dimensions.stream().filter(d -> !unnamed.contains(d)).toList()) {
            List<String> rows = new ArrayList<>(data.slices().stream().filter(s -> s.dimension().equals(dimension))
                    .sorted(Comparator.comparing((ReportData.Slice s) -> s.month().endingAr(),
                            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(ReportData.Slice::value))
                    .map(s -> row(sliceCells(cell(s.value()), s.month()))).toList());
            rows.add(totalRow(sliceCells(cell("All"), total)));
            tables.append(line(h3("By " + dimension.replace('_', ' ')))).append(line(table(header, rows)));
        }
        if (!unnamed.isEmpty()) {
            tables.append(line(note("Not sliced by " + escape(String.join(", ", unnamed.stream()
                    .map(d -> d.replace('_', ' ')).toList())) + ": the data names none, so each would be one "
                    + "slice holding the whole portfolio.")));
        }
        return section("slices", line(h2("Slices in " + total.month())),
                line(note("Each slice's own DSO, CEI and aging at the end of " + escape(total.month())
                        + "; the last line is the whole portfolio. DSO (countback) is the headline method; DSO "
                        + "(standard) is shown beside it to compare with the DSO ahead of the forecast; it divides "
                        + "by the month's sales alone, so a slice that billed little in the month reads far higher "
                        + "than its countback, which walks back through the months before.")),
                tables.toString());
    }

    /**
     * Why a countback DSO is missing: the month's figures are, or the balance outruns every sale on record, or
     * there is neither a balance nor a sale to measure it by.
     */
    private static String noCountback(ReportData.Month m, Double balance, String what) {
        if (m.endingAr() == null) {
            return emptyIn(m);
        }
        return balance != null && balance <= 0 ? "no " + what + " and no credit sales on record"
                : what + " exceeds all credit sales on record";
    }

    private static String sliceCells(String first, ReportData.Month m) {
        StringBuilder cells = new StringBuilder(first)
                .append(numCell(escape(FinanceFormat.orWhy(m.endingAr(), FinanceFormat::money, emptyIn(m)))))
                .append(numCell(escape(FinanceFormat.orWhy(m.dsoCountback(), FinanceFormat::days,
                        noCountback(m, m.endingAr(), "AR")))))
                .append(numCell(escape(FinanceFormat.orWhy(m.dsoStandard(), FinanceFormat::days,
                        m.creditSales() == null ? emptyIn(m) : "no credit sales in " + m.month()))))
                .append(numCell(escape(FinanceFormat.orWhy(m.cei(), FinanceFormat::percent, "nothing to collect"))))
                .append(numCell(escape(FinanceFormat.orWhy(m.pastDueShare(), FinanceFormat::share,
                        m.endingAr() == null || m.pastDueAr() == null ? emptyIn(m) : noAr(m)))));
        m.buckets().forEach(b -> cells.append(numCell(escape(FinanceFormat.orWhy(b, FinanceFormat::money,
                emptyIn(m))))));
        return cells.toString();
    }

    // ---- collections activity

    /** The latest month's collection-activity metrics: one line per collector, the whole portfolio last. */
    private static String activity(ReportData data) {
        String heading = line(h2("Collections activity"));
        if (data.activity() == null || data.activity().isEmpty()) {
            return section("activity", heading, note("The metrics run predates the collection-activity metrics "
                    + "(run <code>arscope metrics</code> again)."));
        }
        ReportData.Activity total = data.activity().get(0);
        String month = YearMonth.from(total.monthEnd()).toString();
        List<String> rows = new ArrayList<>(data.activity().stream()
                .filter(a -> a.dimension().equals(COLLECTOR))
                .map(a -> row(activityCells(cell(a.value()), a, month))).toList());
        rows.add(totalRow(activityCells(cell("All"), total, month)));
        boolean none = total.promisesClosed() == null && total.contactPaidInvoices() == null
                && total.instalmentsClosed() == null;
        String intro = none ? "The input holds no collection activity (contacts, promises to pay, payment plans) up "
                + "to the end of " + escape(month) + "." : "Promises and plan instalments whose window (the promised "
                + "or due date plus the grace days) closed in " + escape(month) + "; broken promises and the overdue "
                + "balance at its end; the invoices paid in it. One line per collector, the whole portfolio last.";
        return section("activity", heading, line(note(intro)), line(table(List.of(th("Collector"),
                thNum("Promises kept (count)"), thNum("Promises kept (amount)"), thNum("Broken promises open"),
                thNum("Unpaid on them"), thNum("Contact coverage"), thNum("Plan adherence (count)"),
                thNum("Plan adherence (amount)"), thNum("Days from first contact to payment")), rows)));
    }

    private static String activityCells(String first, ReportData.Activity a, String month) {
        String noPromise = ActivityGaps.promiseRate(a.promisesClosed(), month);
        String noPlan = ActivityGaps.planRate(a.instalmentsClosed(), month);
        return first + numCell(escape(FinanceFormat.orWhy(a.keptRateCount(), FinanceFormat::share, noPromise)))
                + numCell(escape(FinanceFormat.orWhy(a.keptRateAmount(), FinanceFormat::share, noPromise)))
                + numCell(escape(a.brokenOpenCount() == null ? FinanceFormat.notAvailable(ActivityGaps.NO_RECORD)
                        : String.valueOf(a.brokenOpenCount())))
                + numCell(escape(FinanceFormat.orWhy(a.brokenOpenUnpaid(), FinanceFormat::money,
                        ActivityGaps.NO_RECORD)))
                + numCell(escape(FinanceFormat.orWhy(a.contactCoverage(), FinanceFormat::share,
                        ActivityGaps.coverage(a.overdueAr() != null && a.overdueAr() == 0))))
                + numCell(escape(FinanceFormat.orWhy(a.planAdherenceCount(), FinanceFormat::share, noPlan)))
                + numCell(escape(FinanceFormat.orWhy(a.planAdherenceAmount(), FinanceFormat::share, noPlan)))
                + numCell(escape(FinanceFormat.orWhy(a.avgDaysContactToPay(), FinanceFormat::days,
                        ActivityGaps.daysToPay(a.contactPaidInvoices(), month))));
    }

    // ---- provision

    private static String provision(ReportData data) {
        if (data.provision().isEmpty()) {
            return "";
        }
        String empty = "empty in provision_matrix";
        // A ledger whose items never reached a bucket (no write-off history) says nothing of the loss in it.
        String noHistory = "no month-end on record had an amount in this bucket";
        String unknownRate = data.writeOffsOnRecord() ? "a roll rate on the way to write-off is unknown"
                : ProvisionMatrix.NO_WRITE_OFFS;
        int last = data.provision().size() - 1;
        Double balance = ReportData.sum(data.provision().stream().map(ReportData.ProvisionLine::balance).toList());
        Double ecl = data.allowance();
        List<ReportData.ProvisionLine> before = data.lastMonthProvision();
        String noBefore = data.asOf() == null ? empty : noLastMonthEcl(data);
        List<String> rows = new ArrayList<>(IntStream.range(0, data.provision().size()).mapToObj(k -> {
            ReportData.ProvisionLine p = data.provision().get(k);
            ReportData.ProvisionLine b = before.isEmpty() ? null : before.get(k);
            return row(cell(p.bucket()),
                    numCell(FinanceFormat.orWhy(p.rollRate(), FinanceFormat::share,
                            k == last && !data.writeOffsOnRecord() ? ProvisionMatrix.NO_WRITE_OFFS : noHistory)),
                    numCell(FinanceFormat.orWhy(p.lossRate(), FinanceFormat::lossRate, unknownRate)),
                    numCell(FinanceFormat.orWhy(p.balance(), FinanceFormat::money, empty)),
                    numCell(FinanceFormat.orWhy(p.ecl(), FinanceFormat::money, unknownRate)),
                    numCell(b == null ? escape(FinanceFormat.notAvailable(noBefore))
                            : FinanceFormat.orWhy(b.lossRate(), FinanceFormat::lossRate, unknownRate)),
                    numCell(escape(b == null ? FinanceFormat.notAvailable(noBefore) : FinanceFormat.money(b.balance()))),
                    numCell(b == null ? escape(FinanceFormat.notAvailable(noBefore))
                            : FinanceFormat.orWhy(b.ecl(), FinanceFormat::money, unknownRate)));
        }).toList());
        String lossRate = balance == null ? FinanceFormat.notAvailable(empty)
                : ecl == null ? FinanceFormat.notAvailable(unknownRate)
                : balance == 0 ? FinanceFormat.notAvailable("no open balance") : FinanceFormat.lossRate(ecl / balance);
        Double balanceBefore = before.isEmpty() ? null
                : ReportData.sum(before.stream().map(ReportData.ProvisionLine::balance).toList());
        rows.add(totalRow(cell("Total"), cell(""), numCell(lossRate),
                numCell(FinanceFormat.orWhy(balance, FinanceFormat::money, empty)),
                numCell(FinanceFormat.orWhy(ecl, FinanceFormat::money, unknownRate)), cell(""),
                numCell(escape(FinanceFormat.orWhy(balanceBefore, FinanceFormat::money, noBefore))),
                numCell(escape(FinanceFormat.orWhy(data.lastMonthAllowance(), FinanceFormat::money, noBefore)))));
        double overlay = data.provision().get(0).overlay();
        String month = data.asOf() == null ? "last month" : YearMonth.from(data.asOf()).minusMonths(1).toString();
        return section("ecl", line(h2("Roll rates and the credit-loss allowance")),
                line(paragraph(escape(EclChange.sentence(data.provision(), before, month)))),
                table(List.of(th("Bucket"), thNum("Roll rate onwards"), thNum("Loss rate"), thNum("Balance"),
                        thNum("ECL"), thNum("Loss rate " + month), thNum("Balance " + month),
                        thNum("ECL " + month)), rows),
                note("Forward-looking overlay " + String.format(java.util.Locale.US, "%.2f", overlay)
                        + ". The last bucket's roll rate is its write-off rate: the share of its money eventually written "
                        + "off, not in one month."));
    }

    // ---- forecast

    private static String forecast(ReportData data, double salesScenario) {
        ReportData.Forecast f = data.forecast();
        String heading = line(h2("Cash forecast"));
        if (f == null) {
            return section("forecast", heading, note("No forecast was given to this report (run <code>arscope "
                    + "forecast</code> and pass <code>--forecast</code>)."));
        }
        int level = (int) Math.round(f.intervalLevel() * 100);
        String interval = level + "% interval";
        double expected = total(f.weeks(), ReportData.Week::expected);
        String allowance = data.provision().isEmpty() ? ""
                : "; credit-loss allowance beside it: " + strong(FinanceFormat.orWhy(data.allowance(),
                        FinanceFormat::money, data.allowanceUnknown()));
        String summary = paragraph("Expected collections over the next " + (f.weeks().size() == 1 ? "week"
                : f.weeks().size() + " weeks") + " from " + f.asOf() + ": " + strong(FinanceFormat.money(expected))
                + " (" + interval + " " + totalInterval(f.total()) + totalCoverage(f) + ")" + allowance + ".");
        String chart = SvgChart.barsWithInterval("Cash forecast",
                f.weeks().stream().map(w -> "W" + w.week() + " " + w.end()).toList(),
                List.of(series("From open invoices", PALETTE[0], f.weeks(), ReportData.Week::fromOpen),
                        series("From new sales", PALETTE[1], f.weeks(), ReportData.Week::fromNewSales)),
                f.weeks().stream().map(ReportData.Week::lower).toList(),
                f.weeks().stream().map(ReportData.Week::upper).toList(), interval);
        return section("forecast", heading, line(summary), line(ForecastCaveats.of(f, salesScenario, data.invoicingCutOff() != null)), chart, line(weeks(f, interval)),
                h3("DSO ahead (standard)"), line(dsoAhead(f)), latestDso(data),
                h3("How accurate the forecast has been"),
                line(note("The same forecast made at weekly origins of the past year and compared with the cash that "
                        + "came in. WAPE = sum of absolute errors / sum of actual cash; bias = (forecast - actual) / "
                        + "actual; coverage = share of weeks inside the " + interval + ".")),
                accuracy(f));
    }

    private static String weeks(ReportData.Forecast f, String interval) {
        List<String> rows = new ArrayList<>(f.weeks().stream().map(w -> row(cell(w.week()), cell(w.end()),
                moneyCell(w.fromOpen()), moneyCell(w.fromNewSales()), moneyCell(w.expected()),
                numCell(w.lower() == null ? escape(FinanceFormat.notAvailable("too few past errors for an interval"))
                        : FinanceFormat.money(w.lower()) + " &ndash; " + FinanceFormat.money(w.upper())))).toList());
        rows.add(totalRow(cell("Total"), cell(""), moneyCell(total(f.weeks(), ReportData.Week::fromOpen)),
                moneyCell(total(f.weeks(), ReportData.Week::fromNewSales)),
                moneyCell(total(f.weeks(), ReportData.Week::expected)), numCell(totalInterval(f.total()))));
        return table(List.of(th("Week"), th("Ending"), thNum("From open invoices"), thNum("From new sales"),
                thNum("Expected"), thNum(interval)), rows);
    }

    /**
     * The interval of the whole horizon's cash, calibrated on the past origins' totals as each week's is on its own
     * week: the weeks' bounds do not add up to it, since the weeks do not all miss together.
     */
    private static String totalInterval(ReportData.HorizonTotal total) {
        return total.lower() == null ? escape(FinanceFormat.notAvailable("too few past errors for an interval"))
                : FinanceFormat.money(total.lower()) + " &ndash; " + FinanceFormat.money(total.upper());
    }

    /** How often the total's interval held the cash at the backtest's origins, where any had one. */
    private static String totalCoverage(ReportData.Forecast f) {
        ReportData.HorizonTotal total = f.total();
        return total.lower() == null || total.coverage() == null ? ""
                : "; at the past year's origins the same interval held the " + (f.weeks().size() == 1 ? "week's"
                        : f.weeks().size() + " weeks'") + " cash " + FinanceFormat.share(total.coverage())
                        + " of the time (" + total.withInterval() + ")";
    }

    /** Each month-end with the movements that close it, to the cent, so that a reader's sum comes out. */
    private static String dsoAhead(ReportData.Forecast f) {
        return table(List.of(th("Month-end"), thNum("Opening AR"), thNum("+ Expected sales"),
                thNum("\u2212 Expected collections"), thNum("\u2212 Expected credit memos"),
                thNum("\u2212 Expected write-offs"), thNum("= Expected AR"), thNum("Credit sales"), thNum("DSO")),
                f.dso().stream().map(m -> row(cell(m.monthEnd()), centsCell(m.openingAr()),
                        centsCell(m.expectedSales()), centsCell(m.expectedCollections()),
                        centsCell(m.expectedCreditMemos()), centsCell(m.expectedWriteOffs()),
                        centsCell(m.endingAr()), centsCell(m.creditSales()), numCell(FinanceFormat.orWhy(m.dso(),
                                FinanceFormat::days, "no credit sales expected")))).toList());
    }

    private static String centsCell(double amount) {
        return numCell(FinanceFormat.cents(amount));
    }

    private static String latestDso(ReportData data) {
        if (data.months().isEmpty()) {
            return "";
        }
        ReportData.Month latest = last(data.months());
        String dso = latest.dsoStandard() == null ? FinanceFormat.notAvailable(latest.creditSales() == null
                ? emptyIn(latest) : "no credit sales in " + latest.month())
                : FinanceFormat.days(latest.dsoStandard()) + " days";
        return line(note("Latest actual DSO (standard, " + escape(latest.month()) + "): " + escape(dso) + "."));
    }

    private static String accuracy(ReportData.Forecast f) {
        return table(List.of(th("Weeks ahead"), thNum("Origins"), thNum("WAPE"), thNum("Bias"),
                thNum("Interval coverage")), f.accuracy().stream().map(a -> row(cell(a.week()), countCell(a.origins()),
                        numCell(FinanceFormat.orWhy(a.wape(), FinanceFormat::share, "no cash came in")),
                        numCell(FinanceFormat.orWhy(a.bias(), FinanceFormat::share, "no cash came in")),
                        numCell(a.coverage() == null ? escape(FinanceFormat.notAvailable("no interval yet"))
                                : FinanceFormat.share(a.coverage()) + " (" + a.withInterval() + ")"))).toList());
    }

    // ---- customers

    private static String riskiest(ReportData data) {
        String heading = line(h2("Customers with the most money expected late"));
        if (data.riskiest() == null) {
            return section("customers", heading, note("No worklist was given to this report (run <code>arscope "
                    + "worklist</code> and pass <code>--worklist</code>)."));
        }
        if (data.riskiest().isEmpty()) {
            return section("customers", heading, note("No open invoice on the worklist: nothing is expected late."));
        }
        List<String> rows = data.riskiest().stream()
                .sorted(Comparator.comparingDouble(ReportData.RiskyCustomer::expectedLate).reversed()
                        .thenComparing(ReportData.RiskyCustomer::customerId))
                .limit(RISKIEST)
                .map(c -> row(cell(c.name() == null ? c.customerId() : c.name() + " (" + c.customerId() + ")"),
                        cell(c.collector()), cell(c.queue()), moneyCell(c.openAmount()),
                        numCell(FinanceFormat.orWhy(c.overdueAmount(), FinanceFormat::money, "empty in the worklist")),
                        shareCell(c.probabilityLate()), moneyCell(c.expectedLate()),
                        numCell(escape(FinanceFormat.daysPastDue(c.maxDaysPastDue()))),
                        cell(c.nextAction() == null ? "" : c.nextAction())))
                .toList();
        ModelGate gate = data.worklistGate();
        String ranking = gate == null ? ""
                : !gate.passed() ? line(note("P(late) here is the baseline's, each customer's own past late share, "
                        + "not the risk model's. The score step's gate: " + escape(gate.decision()) + "."))
                : gate.fellBehindOnTest() ? line(note("P(late) here is the risk model's, published on its "
                        + "validation window (" + escape(gate.decision()) + "), but on the later test window each "
                        + "customer's own past late share ranked better: " + escape(gate.testFigures()) + "."))
                : "";
        return section("customers", heading, ranking + table(List.of(th("Customer"), th("Collector"), th("Queue"),
                thNum("Open"), thNum("Overdue"), thNum("P(late)"), thNum("Expected late"), thNum("Max days past due"),
                th("Next action")), rows));
    }

    /**
     * Customers to watch: the score run's customers with the most exposure times probability of going more than 60
     * days past due within 90 days, with their suggested credit limit beside the current one; each missing figure
     * is n/a with why.
     */
    static String watch(ReportData data) {
        String heading = line(h2("Customers to watch"));
        ReportData.Watch w = data.watch();
        if (w.customers() == null) {
            return section("watch", heading, note(escape("No customer scores: " + w.absent() + ".")));
        }
        String intro = "The customers with the most exposure (open amount) times their probability of having an "
                + "invoice more than 60 days past due within the next 90 days, from the customer model of "
                + "arscope score. The suggested limit is the larger of a month of the customer's credit sales times "
                + "(its terms + 15 days) / 30 and what it owes now, times (1 - the probability), rounded; a "
                + "low-band customer is never suggested less than it owes (rounded up), and a limit below what a "
                + "customer owes means holding new orders until it pays down; see risk-model.md.";
        List<String> rows = w.customers().stream()
                .map(c -> row(cell(c.name() == null ? c.customerId() : c.name() + " (" + c.customerId() + ")"),
                        moneyCell(c.exposure()), shareCell(c.probability()), cell(c.band()),
                        moneyCell(c.exposureAtRisk()), numCell(escape(c.maxDaysPastDue() == null ? "nothing open"
                                : FinanceFormat.daysPastDue(c.maxDaysPastDue()))),
                        numCell(escape(FinanceFormat.orWhy(c.creditLimit(), FinanceFormat::money,
                                "no limit on file"))),
                        numCell(escape(FinanceFormat.orWhy(c.suggestedLimit(), FinanceFormat::money,
                                c.limitBasis()) + (c.suggestedLimit() != null && c.suggestedLimit() < c.exposure()
                                        ? " (below what it owes: hold new orders)" : ""))),
                        numCell(escape(FinanceFormat.orWhy(c.limitChange(), FinanceFormat::money,
                                c.suggestedLimit() == null ? "no suggestion"
                                        : c.creditLimit() == null ? "no current limit" : "limit in another currency"))),
                        cell(c.reason() == null ? "" : c.reason())))
                .toList();
        return section("watch", heading, line(note(escape(intro))), table(List.of(th("Customer"), thNum("Exposure"),
                thNum("P(>60 days past due in 90 days)"), th("Band"), thNum("Exposure × P"),
                thNum("Max days past due"), thNum("Current limit"), thNum("Suggested limit"), thNum("Change"),
                th("Main reason")), rows));
    }

    /** The alerts since the last run ({@link io.arscope.alerts.AlertsJob}), the most severe first. */
    static String alerts(ReportData data) {
        String heading = line(h2("Alerts since the last run"));
        io.arscope.alerts.AlertList a = data.alerts();
        if (a == null) {
            return section("alerts", heading, note("No alerts run was given to this report (run <code>arscope "
                    + "alerts</code> and pass its output with <code>--alerts</code>)."));
        }
        String intro = (a.previousAsOf() == null ? "Compared with no earlier run. "
                : "Compared with the run as of " + a.previousAsOf() + ". ")
                + "Risk bands that rose, days late that jumped, promises broken since, metrics outside their recent "
                + "range and the model's drift; see alerts.md for each definition.";
        return section("alerts", heading, line(note(escape(intro))), line(a.alerts().isEmpty()
                ? note("Nothing changed that calls for attention.") : io.arscope.alerts.AlertList.table(a.alerts())));
    }

    private static String notes() {
        return line(element("footer", h2("Definitions") + bulletList(List.of(
                "Ending AR: the open invoices (gross). Net AR: ending AR less on-account items, payments and credit "
                        + "memos applied to no invoice yet, as the general ledger shows it.",
                "DSO (countback), the report's headline method: ending AR (gross) walked back through each month's "
                        + "credit sales; BPDSO the same on current (not yet due) AR; DDSO = DSO - BPDSO, both "
                        + "countback.",
                "DSO (standard), shown only where so labelled (slices, the forecast's DSO ahead): ending AR / the "
                        + "month's credit sales x days in the month.",
                "CEI = (beginning AR + credit sales - ending AR) / (beginning AR + credit sales - ending current AR), "
                        + "monthly.",
                "ECL = sum over aging buckets of balance x loss rate, the loss rate being the product of the average "
                        + "roll rates from that bucket onwards.",
                "Collections activity: promises kept = kept / (kept + partly kept + broken), by count; by amount, "
                        + "the amount of kept promises and what was paid on partly kept ones over the amount "
                        + "promised. Contact coverage: the share of the overdue balance whose customer had a contact "
                        + "in the " + ContactCoverage.WINDOW_DAYS + " days to the month-end. Plan adherence: met / "
                        + "(met + missed) instalments. Days from first contact to payment: over the invoices paid "
                        + "in the month after a contact about them or their customer's balance.",
                "The cash forecast follows each open invoice along the settlement curve of invoices that were as far "
                        + "past due, and adds collections on new sales at the trailing average rate."))));
    }

    private static <T> double total(List<T> items, ToDoubleFunction<T> amount) {
        return items.stream().mapToDouble(amount).sum();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }

    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222;
                   margin: 24px auto; max-width: 1100px; padding: 0 16px; }
            h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px;
                   border-bottom: 1px solid #ddd; padding-bottom: 4px; } h3 { font-size: 15px; }
            .meta, .note { color: #666; font-size: 13px; }
            .warning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: 8px 12px; }
            .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
            .kpi { border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; }
            .kpi-name { font-size: 13px; color: #555; } .kpi-value { font-size: 24px; font-weight: 600; }
            .kpi-change { font-size: 12px; color: #666; }
            .good { color: #2e7d32; font-weight: 600; } .bad { color: #c62828; font-weight: 600; }
            .flat { color: #555; font-weight: 600; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #eee; text-align: left; }
            th { background: #f5f5f5; } .num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.total td { font-weight: 600; border-top: 1px solid #999; }
            svg.chart { width: 100%; max-width: 720px; height: auto; display: block; }
            svg .tick { font-size: 11px; fill: #555; } svg .legend { font-size: 12px; fill: #333; }
            footer { margin-top: 32px; font-size: 13px; color: #444; }
            @media print { body { margin: 0; } section { page-break-inside: avoid; } }
            """;
}
