package io.arscope.worklist;

import static io.arscope.run.HtmlText.escape;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import io.arscope.alerts.AlertList;
import io.arscope.alerts.AlertsTables;
import io.arscope.risk.InvoiceCurrency;
import io.arscope.risk.ModelGate;

/**
 * The collections lead's page of one day's worklists ({@link TeamView}), self-contained HTML beside the collectors'
 * pages and linking to each: the team's capacity used and the money on today's lists, a row per collector, the
 * work with no collector and the work no list reaches, and the suggested rebalancing. Amounts carry their
 * currency; each figure is formatted once from the exact sum. Every value from the export is escaped.
 */
public final class TeamPage {

    private TeamPage() {
    }

    /**
     * @param files    each collector's page name without extension, as {@link io.arscope.run.FileNames} gives it
     * @param currency the amounts' currency; null only for a ledger with no invoice
     * @param activity the collectors' collections activity; null when the run had no ledger to measure it on, and
     *                 the page has no such section
     */
    public static String render(TeamView view, Map<String, String> files, LocalDate asOf, WorklistConfig config,
            String currency, CollectorActivity activity) {
        return render(view, files, asOf, config, currency, activity, null, null, CollectorNames.NONE);
    }

    /** The kinds of alert about customers: what a lead acts on (the report shows the rest). */
    static final List<String> CUSTOMER_ALERTS = Stream.concat(AlertsTables.CUSTOMER_KINDS.stream(),
            Stream.of(AlertsTables.NO_PREVIOUS_RUN)).toList();

    /**
     * As {@link #render(TeamView, Map, LocalDate, WorklistConfig, String, CollectorActivity)}, with a section of the
     * customers' alerts since the last run ({@code alerts}; none when null) and, first thing under the title, a
     * warning that the lists rank by the baseline when the model gate behind the scores ({@code gate}; null when
     * unknown) refused the model, or that the model they rank by fell behind the baseline on its test window: the
     * lead plans the day on that ranking. Collectors are shown as {@code names}
     * shows them.
     */
    public static String render(TeamView view, Map<String, String> files, LocalDate asOf, WorklistConfig config,
            String currency, CollectorActivity activity, AlertList alerts, ModelGate gate, CollectorNames names) {
        return render(view, files, asOf, config, currency, activity, alerts, gate, names, List.of());
    }

    /**
     * As {@link #render(TeamView, Map, LocalDate, WorklistConfig, String, CollectorActivity, AlertList, ModelGate,
     * CollectorNames)}, with the credit on account of customers with nothing open ({@link IdleCredit}).
     */
    static String render(TeamView view, Map<String, String> files, LocalDate asOf, WorklistConfig config,
            String currency, CollectorActivity activity, AlertList alerts, ModelGate gate, CollectorNames names,
            List<IdleCredit.Line> idleCredit) {
        Function<BigDecimal, String> money = a -> escape(InvoiceCurrency.shown(a, currency));
        List<TeamView.Load> collectors = view.collectors();
        int capacity = total(collectors, TeamView.Load::capacity);
        int today = total(collectors, TeamView.Load::todayCustomers);
        int disputeCapacity = total(collectors, TeamView.Load::disputeCapacity);
        int disputes = total(collectors, TeamView.Load::disputesToday);
        int unreached = total(collectors, TeamView.Load::unreachedCustomers);
        int idle = (int) collectors.stream().filter(l -> l.todayCustomers() == 0 && l.disputesToday() == 0).count();
        TeamView.Load unassigned = view.loads().stream().filter(l -> !l.assigned()).findFirst().orElse(null);
        String title = "Team worklist, " + asOf;
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(title).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<header><h1>").append(title).append("</h1>\n")
                .append("<p class=\"meta\">As of <strong>").append(asOf).append("</strong> &middot; ")
                .append(collectors.size()).append(collectors.size() == 1 ? " collector" : " collectors")
                .append(" &middot; amounts in ")
                .append(currency == null ? "the ledger's currency" : "<strong>" + escape(currency) + "</strong>")
                .append("</p></header>\n");
        if (gate != null && !gate.passed()) {
            html.append("<p id=\"ranking\" class=\"warning\"><strong>Ranked by the baseline, not the risk model."
                    + "</strong> The score step's gate: ").append(escape(gate.decision())).append(".</p>\n");
        } else if (gate != null && gate.fellBehindOnTest()) {
            html.append("<p id=\"ranking\" class=\"warning\"><strong>Ranked by a risk model that did not hold on "
                    + "its test window.</strong> It was published on its validation window (").append(
                    escape(gate.decision())).append("); on the later test window the customers' own past late share "
                    + "ranked better: ").append(escape(gate.testFigures())).append(". Check the top of each list "
                    + "against how late its customers have paid before.</p>\n");
        }

        html.append("<p id=\"capacity\">Today: <strong>").append(today).append(" of ").append(capacity)
                .append("</strong> collection slots used (").append(percent(today, capacity)).append("), touching <strong>")
                .append(money.apply(sum(collectors, TeamView.Load::todayOpen))).append("</strong> open, of which <strong>")
                .append(money.apply(sum(collectors, TeamView.Load::todayOverdue))).append("</strong> overdue. Disputes: <strong>")
                .append(disputes).append(" of ").append(disputeCapacity).append("</strong> slots, <strong>")
                .append(money.apply(sum(collectors, TeamView.Load::disputesTodayOpen))).append("</strong> open. ")
                .append(idle).append(idle == 1 ? " collector has" : " collectors have").append(" nothing to do today.</p>\n");
        html.append("<p id=\"unreached\">Not reached today (beyond a collector's capacity): <strong>")
                .append(count(unreached, "customer")).append("</strong> with an action due, <strong>")
                .append(money.apply(sum(collectors, TeamView.Load::unreachedOpen))).append("</strong> open (")
                .append(money.apply(sum(collectors, TeamView.Load::unreachedOverdue))).append(" overdue); ")
                .append(count(total(collectors, TeamView.Load::disputesUnreached), "dispute")).append(", ")
                .append(money.apply(sum(collectors, TeamView.Load::disputesUnreachedOpen))).append(" open.</p>\n");
        int coolingOff = total(view.loads(), TeamView.Load::coolingOffCustomers);
        html.append("<p id=\"cooling-off\">Cooling off (").append(config.coolingOffWords())
                .append(", held back on purpose): <strong>")
                .append(count(coolingOff, "customer")).append("</strong> with an action due, <strong>")
                .append(money.apply(sum(view.loads(), TeamView.Load::coolingOffOpen))).append("</strong> open.</p>\n");
        html.append("<p id=\"unassigned\">No collector: ");
        if (unassigned == null) {
            html.append("every customer has a collector.</p>\n");
        } else {
            html.append("<strong>").append(count(unassigned.unreachedCustomers(), "customer")).append("</strong> with an action due, <strong>")
                    .append(money.apply(unassigned.unreachedOpen())).append("</strong> open (")
                    .append(money.apply(unassigned.unreachedOverdue())).append(" overdue); ")
                    .append(count(unassigned.disputesUnreached(), "dispute")).append(", ")
                    .append(money.apply(unassigned.disputesUnreachedOpen())).append(" open; ")
                    .append(unassigned.waitingCustomers()).append(" with nothing to do yet. Nobody works them: <a href=\"")
                    .append(escape(files.get(unassigned.collector()))).append(".html\">their list</a>.</p>\n");
        }

        html.append("<section id=\"collectors\"><h2>Collectors</h2>\n<table><thead><tr><th>Collector</th>")
                .append("<th class=\"num\">Today</th><th class=\"num\">Spare</th><th class=\"num\">Open today</th>")
                .append("<th class=\"num\">Overdue today</th><th class=\"num\">Disputes today</th>")
                .append("<th class=\"num\">Not reached</th><th class=\"num\">Not reached, open</th>")
                .append("<th class=\"num\">Cooling off</th><th class=\"num\">Nothing to do yet</th></tr></thead>\n"
                        + "<tbody>\n");
        for (TeamView.Load l : collectors) {
            html.append("<tr><td><a href=\"").append(escape(files.get(l.collector()))).append(".html\">")
                    .append(escape(names.shown(l.collector()))).append("</a></td>")
                    .append(num(l.todayCustomers() + " of " + l.capacity())).append(num(String.valueOf(l.spare())))
                    .append(num(money.apply(l.todayOpen()))).append(num(money.apply(l.todayOverdue())))
                    .append(num(l.disputesToday() + " of " + l.disputeCapacity()))
                    .append(num(String.valueOf(l.unreachedCustomers()))).append(num(money.apply(l.unreachedOpen())))
                    .append(num(String.valueOf(l.coolingOffCustomers())))
                    .append(num(String.valueOf(l.waitingCustomers()))).append("</tr>\n");
        }
        html.append("</tbody></table></section>\n");
        if (activity != null) {
            activity(html, view.loads(), activity, names);
        }

        html.append("<section id=\"rebalancing\"><h2>Rebalancing</h2>\n<p class=\"rule\">Work no list reaches today "
                + "(beyond a collector's capacity, or with no collector) goes, highest priority first, to the "
                + "collector with the most spare slots. A customer with an open dispute is never moved.</p>\n");
        if (view.moves().isEmpty()) {
            html.append("<p>No move suggested: ").append(unreached + (unassigned == null ? 0
                    : unassigned.unreachedCustomers()) == 0 ? "every customer with an action is on a list today."
                    : "no collector has a spare slot, or the work left has an open dispute.").append("</p>\n");
        } else {
            html.append("<table><thead><tr><th class=\"num\">#</th><th>Customer</th><th>From</th><th>To</th>")
                    .append("<th class=\"num\">Open</th><th class=\"num\">Overdue</th><th class=\"num\">Priority</th>")
                    .append("<th class=\"num\">Days past due</th></tr></thead>\n<tbody>\n");
            for (TeamView.Move m : view.moves()) {
                String name = m.customerName() == null ? m.customerId() : m.customerName() + " (" + m.customerId() + ")";
                html.append("<tr>").append(num(String.valueOf(m.order()))).append("<td>").append(escape(name))
                        .append("</td><td>").append(escape(names.shown(m.from()))).append("</td><td>")
                        .append(escape(names.shown(m.to())))
                        .append("</td>").append(num(money.apply(m.open()))).append(num(money.apply(m.overdue())))
                        .append(num(money.apply(m.priority()))).append(num(String.valueOf(m.maxDaysPastDue())))
                        .append("</tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("</section>\n");
        idleCredit(html, idleCredit, money, names);
        if (alerts != null) {
            List<AlertList.Alert> shown = alerts.of(CUSTOMER_ALERTS);
            html.append("<section id=\"alerts\"><h2>Alerts since the last run</h2>\n<p class=\"rule\">")
                    .append(alerts.previousAsOf() == null ? "Compared with no earlier run."
                            : "Compared with the run as of " + alerts.previousAsOf() + ".")
                    .append(" Promises broken since, customers whose risk band rose, customers whose days late "
                            + "jumped.</p>\n")
                    .append(shown.isEmpty() ? "<p>No customer alert.</p>" : AlertList.table(shown, a -> {
                        // A customer the day's worklist does not hold (nothing open any more) has no collector today.
                        String collector = view.collectorOf().get(a.subjectId());
                        return collector != null ? names.shown(collector)
                                : a.subject().isEmpty() ? "" : "not on today's worklist";
                    }))
                    .append("\n</section>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Customers holding credit with nothing open: no list carries them, as a list's rows are open invoices. */
    private static void idleCredit(StringBuilder html, List<IdleCredit.Line> lines, Function<BigDecimal, String> money,
            CollectorNames names) {
        html.append("<section id=\"idle-credit\"><h2>Credit with nothing to apply it to</h2>\n<p class=\"rule\">"
                + "Customers holding credit on account (unapplied cash, unallocated credit) and no open invoice: no "
                + "list carries them. Refund the credit, or find what it was meant to pay.</p>\n");
        if (lines.isEmpty()) {
            html.append("<p>No customer holds credit with nothing open.</p>\n</section>\n");
            return;
        }
        html.append("<p>").append(count(lines.size(), "customer")).append(", <strong>")
                .append(money.apply(lines.stream().map(IdleCredit.Line::credit).reduce(BigDecimal.ZERO,
                        BigDecimal::add)))
                .append("</strong> in all.</p>\n<table><thead><tr><th>Customer</th><th>Collector</th>")
                .append("<th class=\"num\">Credit on account</th><th>Last payment</th></tr></thead>\n<tbody>\n");
        for (IdleCredit.Line l : lines) {
            String name = l.customerName() == null ? l.customerId() : l.customerName() + " (" + l.customerId() + ")";
            html.append("<tr><td>").append(escape(name)).append("</td><td>")
                    .append(escape(names.shown(l.collector()))).append("</td>").append(num(money.apply(l.credit())))
                    .append("<td>").append(l.lastPayment() == null ? "none" : l.lastPayment().toString())
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /**
     * The latest month's activity figures: a row per collector with a list (and the customers with no collector),
     * then the whole portfolio's, which also counts customers whose collector has no list today.
     */
    private static void activity(StringBuilder html, List<TeamView.Load> loads, CollectorActivity activity,
            CollectorNames names) {
        YearMonth month = activity.months().get(0);
        html.append("<section id=\"activity\"><h2>Collections activity, ").append(month).append("</h2>\n")
                .append("<p class=\"rule\">").append(escape(CollectorActivity.SCOPE)).append(" The last line is the "
                        + "whole portfolio, customers of a collector with no list today included.</p>\n")
                .append("<table><thead><tr><th>Collector</th>");
        for (CollectorActivity.Figure f : CollectorActivity.FIGURES) {
            html.append("<th class=\"num\">").append(escape(f.label())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (TeamView.Load l : loads) {
            activityRow(html, "<td>" + escape(names.shown(l.collector())) + "</td>", activity.of(l.collector()).get(0));
        }
        activityRow(html, "<th>All customers</th>", activity.team().get(0));
        html.append("</tbody></table></section>\n");
    }

    private static void activityRow(StringBuilder html, String first, CollectorActivity.Month month) {
        html.append("<tr>").append(first);
        for (CollectorActivity.Figure f : CollectorActivity.FIGURES) {
            html.append(num(escape(f.text().apply(month))));
        }
        html.append("</tr>\n");
    }

    private static int total(List<TeamView.Load> loads, ToIntFunction<TeamView.Load> figure) {
        return loads.stream().mapToInt(figure).sum();
    }

    private static BigDecimal sum(List<TeamView.Load> loads, Function<TeamView.Load, BigDecimal> figure) {
        return loads.stream().map(figure).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** 17 of 250 as "6.8%", rounded once from the counts; "no capacity" when there is none. */
    static String percent(int used, int capacity) {
        return capacity == 0 ? "no capacity" : String.format(Locale.ROOT, "%.1f%%", 100.0 * used / capacity);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String num(String text) {
        return "<td class=\"num\">" + text + "</td>";
    }

    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222;
                   margin: 24px auto; max-width: 1100px; padding: 0 16px; }
            h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px;
                   border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .meta, .rule { color: #666; font-size: 13px; }
            .warning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: 8px 12px; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
            th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: left; }
            th { background: #f5f5f5; } .num { text-align: right; font-variant-numeric: tabular-nums; }
            @media print { body { margin: 0; max-width: none; font-size: 11px; } tr { break-inside: avoid; } }
            """;
}
