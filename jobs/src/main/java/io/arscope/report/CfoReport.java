package io.arscope.report;

import static io.arscope.report.FinanceFormat.escape;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CFO report as one self-contained HTML page: headline figures with their change against last month and last
 * year, the DSO family and CEI over time, aging at each month-end, roll rates and the credit-loss allowance, the cash
 * forecast with its interval and measured accuracy, and the customers with the most money expected late. Styles
 * and charts are inline; the page loads nothing and runs no script.
 */
public final class CfoReport {

    static final int TREND_MONTHS = 24;
    static final int AGING_MONTHS = 12;
    static final int RISKIEST = 10;
    private static final String[] PALETTE = {"#2f6f9f", "#5aa469", "#e0a030", "#d9603b", "#a23b72", "#6b4c9a",
        "#3b9ea2", "#888888"};

    /** A headline figure: its latest value and changes, and which direction is good news. */
    record Kpi(String name, String value, Double changeVsMonth, Double changeVsYear, String unit, int goodDirection) {
    }

    private CfoReport() {
    }

    public static String render(ReportData data, String title, String generatedBy) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(escape(title)).append("</h1><p class=\"meta\">As of <strong>")
                .append(data.asOf()).append("</strong>");
        if (!data.months().isEmpty()) {
            h.append(" &middot; latest closed month ").append(escape(last(data.months()).month()));
        }
        h.append(" &middot; amounts in the ledger's currency &middot; ").append(escape(generatedBy))
                .append("</p></header>\n");
        if (!data.months().isEmpty()) {
            headline(h, data);
            trends(h, data);
            aging(h, data);
        }
        provision(h, data);
        forecast(h, data);
        riskiest(h, data);
        notes(h);
        return h.append("</body>\n</html>\n").toString();
    }

    // ---- headline

    static List<Kpi> kpis(ReportData data) {
        List<ReportData.Month> months = data.months();
        ReportData.Month now = last(months);
        ReportData.Month previous = months.size() > 1 ? months.get(months.size() - 2) : null;
        ReportData.Month yearAgo = monthBefore(months, now.month(), 12).orElse(null);
        List<Kpi> out = new ArrayList<>();
        out.add(kpi("Ending AR", now, previous, yearAgo, ReportData.Month::endingAr, FinanceFormat::money, "", 0));
        out.add(kpi("DSO (countback)", now, previous, yearAgo, ReportData.Month::dsoCountback, FinanceFormat::days,
                " days", -1));
        out.add(kpi("Best possible DSO", now, previous, yearAgo, ReportData.Month::bpdsoCountback, FinanceFormat::days,
                " days", -1));
        out.add(kpi("Delinquent DSO", now, previous, yearAgo, ReportData.Month::ddsoCountback, FinanceFormat::days,
                " days", -1));
        out.add(kpi("CEI", now, previous, yearAgo, ReportData.Month::cei, FinanceFormat::percent, " pts", 1));
        out.add(kpi("Past due share", now, previous, yearAgo, m -> pct(m.pastDueShare()), FinanceFormat::percent,
                " pts", -1));
        out.add(kpi("Collections in month", now, previous, yearAgo, ReportData.Month::collections,
                FinanceFormat::money, "", 1));
        if (!data.provision().isEmpty()) {
            out.add(new Kpi("Credit-loss allowance (ECL)", FinanceFormat.money(data.allowance()), null, null, "", -1));
        }
        return out;
    }

    private static Double pct(Double share) {
        return share == null ? null : share * 100;
    }

    private static Kpi kpi(String name, ReportData.Month now, ReportData.Month previous, ReportData.Month yearAgo,
            Function<ReportData.Month, Double> value, Function<Double, String> format, String unit, int good) {
        Double v = value.apply(now);
        return new Kpi(name, format.apply(v), change(v, previous, value), change(v, yearAgo, value), unit, good);
    }

    private static Double change(Double now, ReportData.Month then, Function<ReportData.Month, Double> value) {
        if (now == null || then == null || value.apply(then) == null) {
            return null;
        }
        return now - value.apply(then);
    }

    static Optional<ReportData.Month> monthBefore(List<ReportData.Month> months, String month, int back) {
        String wanted = YearMonth.parse(month).minusMonths(back).toString();
        return months.stream().filter(m -> m.month().equals(wanted)).findFirst();
    }

    private static void headline(StringBuilder h, ReportData data) {
        h.append("<section id=\"headline\"><h2>Headline</h2><div class=\"kpis\">\n");
        for (Kpi k : kpis(data)) {
            h.append("<div class=\"kpi\"><div class=\"kpi-name\">").append(escape(k.name()))
                    .append("</div><div class=\"kpi-value\">").append(escape(k.value())).append("</div>");
            if (k.changeVsMonth() != null || k.changeVsYear() != null) {
                h.append("<div class=\"kpi-change\">").append(changeText(k, k.changeVsMonth(), "vs last month"))
                        .append("<br>").append(changeText(k, k.changeVsYear(), "vs last year")).append("</div>");
            }
            h.append("</div>\n");
        }
        h.append("</div></section>\n");
    }

    private static String changeText(Kpi k, Double change, String against) {
        if (change == null) {
            return FinanceFormat.NONE + " " + against;
        }
        boolean money = k.unit().isEmpty();
        String amount = money ? (change >= 0 ? "+" : "") + FinanceFormat.money(change) : FinanceFormat.signed(change)
                + k.unit();
        String tone = k.goodDirection() == 0 || Math.abs(change) < 1e-9 ? "flat"
                : Math.signum(change) == k.goodDirection() ? "good" : "bad";
        return "<span class=\"" + tone + "\">" + escape(amount) + "</span> " + against;
    }

    // ---- trends and aging

    private static void trends(StringBuilder h, ReportData data) {
        List<ReportData.Month> months = tail(data.months(), TREND_MONTHS);
        List<String> labels = months.stream().map(ReportData.Month::month).toList();
        h.append("<section id=\"dso\"><h2>DSO, best possible DSO and delinquent DSO (countback, days)</h2>\n");
        h.append(SvgChart.lines("DSO trend", labels, List.of(
                new SvgChart.Series("DSO", PALETTE[0], months.stream().map(ReportData.Month::dsoCountback).toList()),
                new SvgChart.Series("BPDSO", PALETTE[1], months.stream().map(ReportData.Month::bpdsoCountback)
                        .toList()),
                new SvgChart.Series("DDSO", PALETTE[3], months.stream().map(ReportData.Month::ddsoCountback)
                        .toList())), false));
        h.append("</section>\n<section id=\"cei\"><h2>Collection effectiveness index (CEI, %)</h2>\n");
        h.append(SvgChart.lines("CEI trend", labels, List.of(new SvgChart.Series("CEI", PALETTE[0],
                months.stream().map(ReportData.Month::cei).toList())), false));
        h.append("</section>\n");
    }

    private static void aging(StringBuilder h, ReportData data) {
        List<ReportData.Month> months = tail(data.months(), AGING_MONTHS);
        List<SvgChart.Series> series = new ArrayList<>();
        for (int b = 0; b < data.bucketLabels().size(); b++) {
            int bucket = b;
            series.add(new SvgChart.Series(data.bucketLabels().get(b), PALETTE[b % PALETTE.length],
                    months.stream().map(m -> m.buckets().get(bucket)).toList()));
        }
        h.append("<section id=\"aging\"><h2>Aging at each month-end</h2>\n")
                .append(SvgChart.stackedBars("Aging", months.stream().map(ReportData.Month::month).toList(), series));
        ReportData.Month now = last(data.months());
        h.append("<table><thead><tr><th>Bucket</th><th class=\"num\">").append(escape(now.month()))
                .append("</th><th class=\"num\">Share</th></tr></thead><tbody>\n");
        for (int b = 0; b < data.bucketLabels().size(); b++) {
            h.append("<tr><td>").append(escape(data.bucketLabels().get(b))).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(now.buckets().get(b))).append("</td><td class=\"num\">")
                    .append(FinanceFormat.share(now.endingAr() == 0 ? null : now.buckets().get(b) / now.endingAr()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    // ---- provision

    private static void provision(StringBuilder h, ReportData data) {
        if (data.provision().isEmpty()) {
            return;
        }
        double balance = data.provision().stream().mapToDouble(ReportData.ProvisionLine::balance).sum();
        double ecl = data.allowance();
        h.append("<section id=\"ecl\"><h2>Roll rates and the credit-loss allowance</h2>\n")
                .append("<table><thead><tr><th>Bucket</th><th class=\"num\">Roll rate onwards</th>")
                .append("<th class=\"num\">Loss rate</th><th class=\"num\">Balance</th><th class=\"num\">ECL</th>")
                .append("</tr></thead><tbody>\n");
        for (ReportData.ProvisionLine p : data.provision()) {
            h.append("<tr><td>").append(escape(p.bucket())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.share(p.rollRate())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.share(p.lossRate())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(p.balance())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(p.ecl())).append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>Total</td><td></td><td class=\"num\">")
                .append(FinanceFormat.share(balance == 0 ? null : ecl / balance)).append("</td><td class=\"num\">")
                .append(FinanceFormat.money(balance)).append("</td><td class=\"num\">").append(FinanceFormat.money(ecl))
                .append("</td></tr>\n</tbody></table>");
        double overlay = data.provision().get(0).overlay();
        h.append("<p class=\"note\">Forward-looking overlay ").append(String.format(java.util.Locale.US, "%.2f",
                overlay)).append(". The last bucket's roll rate is its write-off rate.</p></section>\n");
    }

    // ---- forecast

    private static void forecast(StringBuilder h, ReportData data) {
        ReportData.Forecast f = data.forecast();
        h.append("<section id=\"forecast\"><h2>Cash forecast</h2>\n");
        if (f == null) {
            h.append("<p class=\"note\">No forecast was given to this report (run <code>arscope forecast</code> and "
                    + "pass <code>--forecast</code>).</p></section>\n");
            return;
        }
        int level = (int) Math.round(f.intervalLevel() * 100);
        double total = f.weeks().stream().mapToDouble(ReportData.Week::expected).sum();
        h.append("<p>Expected collections over the next ").append(f.weeks().size()).append(" weeks from ")
                .append(f.asOf()).append(": <strong>").append(FinanceFormat.money(total)).append("</strong>");
        if (!data.provision().isEmpty()) {
            h.append("; credit-loss allowance beside it: <strong>").append(FinanceFormat.money(data.allowance()))
                    .append("</strong>");
        }
        h.append(".</p>\n");
        List<String> labels = f.weeks().stream().map(w -> "W" + w.week() + " " + w.end()).toList();
        h.append(SvgChart.barsWithInterval("Cash forecast", labels, List.of(
                new SvgChart.Series("From open invoices", PALETTE[0], f.weeks().stream()
                        .map(ReportData.Week::fromOpen).toList()),
                new SvgChart.Series("From new sales", PALETTE[1], f.weeks().stream()
                        .map(ReportData.Week::fromNewSales).toList())),
                f.weeks().stream().map(ReportData.Week::lower).toList(),
                f.weeks().stream().map(ReportData.Week::upper).toList(), level + "% interval"));
        h.append("<table><thead><tr><th>Week</th><th>Ending</th><th class=\"num\">From open invoices</th>")
                .append("<th class=\"num\">From new sales</th><th class=\"num\">Expected</th>")
                .append("<th class=\"num\">").append(level).append("% interval</th></tr></thead><tbody>\n");
        for (ReportData.Week w : f.weeks()) {
            h.append("<tr><td>").append(w.week()).append("</td><td>").append(w.end()).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(w.fromOpen())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(w.fromNewSales())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(w.expected())).append("</td><td class=\"num\">")
                    .append(w.lower() == null ? FinanceFormat.NONE
                            : FinanceFormat.money(w.lower()) + " &ndash; " + FinanceFormat.money(w.upper()))
                    .append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>Total</td><td></td><td class=\"num\">")
                .append(FinanceFormat.money(f.weeks().stream().mapToDouble(ReportData.Week::fromOpen).sum()))
                .append("</td><td class=\"num\">")
                .append(FinanceFormat.money(f.weeks().stream().mapToDouble(ReportData.Week::fromNewSales).sum()))
                .append("</td><td class=\"num\">").append(FinanceFormat.money(total))
                .append("</td><td></td></tr>\n</tbody></table>\n");

        h.append("<h3>DSO ahead (standard method)</h3><table><thead><tr><th>Month-end</th>")
                .append("<th class=\"num\">Expected AR</th><th class=\"num\">Credit sales</th>")
                .append("<th class=\"num\">DSO</th></tr></thead><tbody>\n");
        for (ReportData.MonthEnd m : f.dso()) {
            h.append("<tr><td>").append(m.monthEnd()).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(m.endingAr())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(m.creditSales())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.days(m.dso())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!data.months().isEmpty()) {
            h.append("<p class=\"note\">Latest actual standard DSO (").append(escape(last(data.months()).month()))
                    .append("): ").append(FinanceFormat.days(last(data.months()).dsoStandard())).append(" days.</p>\n");
        }

        h.append("<h3>How accurate the forecast has been</h3><p class=\"note\">The same forecast made at weekly ")
                .append("origins of the past year and compared with the cash that came in. WAPE = sum of absolute ")
                .append("errors / sum of actual cash; bias = (forecast - actual) / actual; coverage = share of weeks ")
                .append("inside the ").append(level).append("% interval.</p>\n")
                .append("<table><thead><tr><th>Weeks ahead</th><th class=\"num\">Origins</th>")
                .append("<th class=\"num\">WAPE</th><th class=\"num\">Bias</th>")
                .append("<th class=\"num\">Interval coverage</th></tr></thead><tbody>\n");
        for (ReportData.Accuracy a : f.accuracy()) {
            h.append("<tr><td>").append(a.week()).append("</td><td class=\"num\">").append(a.origins())
                    .append("</td><td class=\"num\">").append(FinanceFormat.share(a.wape()))
                    .append("</td><td class=\"num\">").append(FinanceFormat.share(a.bias()))
                    .append("</td><td class=\"num\">").append(FinanceFormat.share(a.coverage()))
                    .append(a.withInterval() > 0 ? " (" + a.withInterval() + ")" : "").append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    // ---- customers

    private static void riskiest(StringBuilder h, ReportData data) {
        h.append("<section id=\"customers\"><h2>Customers with the most money expected late</h2>\n");
        if (data.riskiest() == null) {
            h.append("<p class=\"note\">No worklist was given to this report (run <code>arscope worklist</code> and "
                    + "pass <code>--worklist</code>).</p></section>\n");
            return;
        }
        List<ReportData.RiskyCustomer> top = data.riskiest().stream()
                .sorted(Comparator.comparingDouble(ReportData.RiskyCustomer::expectedLate).reversed()
                        .thenComparing(ReportData.RiskyCustomer::customerId))
                .limit(RISKIEST).toList();
        h.append("<table><thead><tr><th>Customer</th><th>Collector</th><th>Queue</th><th class=\"num\">Open</th>")
                .append("<th class=\"num\">Overdue</th><th class=\"num\">P(late)</th>")
                .append("<th class=\"num\">Expected late</th><th class=\"num\">Max days past due</th>")
                .append("<th>Next action</th></tr></thead><tbody>\n");
        for (ReportData.RiskyCustomer c : top) {
            h.append("<tr><td>").append(escape(c.name() == null ? c.customerId() : c.name() + " (" + c.customerId()
                    + ")")).append("</td><td>").append(escape(c.collector())).append("</td><td>")
                    .append(escape(c.queue())).append("</td><td class=\"num\">").append(FinanceFormat.money(
                            c.openAmount())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(c.overdueAmount())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.share(c.probabilityLate())).append("</td><td class=\"num\">")
                    .append(FinanceFormat.money(c.expectedLate())).append("</td><td class=\"num\">")
                    .append(c.maxDaysPastDue()).append("</td><td>").append(escape(c.nextAction() == null ? ""
                            : c.nextAction())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void notes(StringBuilder h) {
        h.append("<footer><h2>Definitions</h2><ul>")
                .append("<li>DSO (countback): ending AR walked back through each month's credit sales; BPDSO the same ")
                .append("on current (not yet due) AR; DDSO = DSO - BPDSO.</li>")
                .append("<li>CEI = (beginning AR + credit sales - ending AR) / (beginning AR + credit sales - ending ")
                .append("current AR), monthly.</li>")
                .append("<li>ECL = sum over aging buckets of balance x loss rate, the loss rate being the product of ")
                .append("the average roll rates from that bucket onwards.</li>")
                .append("<li>The cash forecast follows each open invoice along the settlement curve of invoices that ")
                .append("were as far past due, and adds collections on new sales at the trailing average rate.</li>")
                .append("</ul></footer>\n");
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
