package io.arscope.worklist;

import static io.arscope.run.HtmlText.escape;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;

import io.arscope.report.FinanceFormat;
import io.arscope.risk.InvoiceCurrency;

/**
 * A collector's worklist as one self-contained HTML page, in the CFO report's style: both queues in rank order, each
 * customer with its next action and reasons and its open invoices folded under it. A queue longer than
 * {@link #SHOWN_PER_QUEUE} customers shows its first ones (today's list always among them) and says where the rest
 * are: a page of ten thousand customers takes a browser long to open and no collector reads that far. It loads nothing: styles and the
 * small sorting script are inline, and with the script off the page reads the same in rank order. Printed, the
 * invoices are unfolded, the sort controls hidden and no customer row is split across pages. Every value from the
 * export is escaped.
 */
public final class CollectorPage {

    private static final String NONE = "\u2014";

    /** Customers shown of each queue, unless the day's capacity is larger: weeks of a collector's calls. */
    public static final int SHOWN_PER_QUEUE = 500;

    private CollectorPage() {
    }

    /**
     * The page, titled as {@code names} shows the collector, showing at most {@code shown} customers of each queue
     * ({@link #SHOWN_PER_QUEUE} in the worklist's pages), or its capacity if larger.
     *
     * @param activity the collector's collections activity, the latest month first ({@link CollectorActivity#of});
     *                 null when the run had no ledger to measure it on, and the page has no such block
     */
    static String render(CollectorQueue queue, CollectorNames names, LocalDate asOf, WorklistConfig config,
            List<CollectorActivity.Month> activity, int shown) {
        String title = "Worklist for " + names.shown(queue.collector()) + ", " + asOf;
        List<CollectorQueue.Customer> collect = queue.customers().stream()
                .filter(c -> Worklist.COLLECT.equals(WorklistTables.QUEUE.of(c.row()))).toList();
        List<CollectorQueue.Customer> disputes = queue.customers().stream()
                .filter(c -> Worklist.DISPUTE.equals(WorklistTables.QUEUE.of(c.row()))).toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<header><h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"meta\">As of <strong>").append(asOf).append("</strong> &middot; ")
                .append(queue.customers().size()).append(" customer rows, ").append(queue.invoiceCount())
                .append(" open invoices</p></header>\n")
                .append("<p id=\"today\">Today: <strong>").append(customers(today(collect))).append("</strong> to ")
                .append("contact (capacity ").append(config.capacity()).append(")")
                .append(today(collect).isEmpty() ? "" : ", touching <strong>" + escape(open(today(collect)))
                        + "</strong> open")
                .append(". Disputes to work today: <strong>")
                .append(customers(today(disputes))).append("</strong> (capacity ").append(config.disputeCapacity())
                .append(").</p>\n")
                .append(Worklist.UNASSIGNED.equals(queue.collector())
                        ? "<p id=\"unassigned\">" + escape(Worklist.UNASSIGNED_NOTE) + "</p>\n" : "")
                .append("<p class=\"hint\" hidden>Click a column heading to sort; click a customer's invoices to "
                        + "unfold them.</p>\n");
        section(html, "collect", "Collection queue", collect, false, Math.max(shown, config.capacity()));
        section(html, "dispute", "Dispute queue", disputes, true, Math.max(shown, config.disputeCapacity()));
        if (activity != null) {
            activity(html, activity);
        }
        html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, String id, String heading, List<CollectorQueue.Customer> rows,
            boolean disputes, int shown) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(heading).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No customers in this queue.</p></section>\n");
            return;
        }
        html.append("<table class=\"queue\"><thead><tr><th class=\"num\">#</th><th>Today</th><th>Customer</th>")
                .append("<th class=\"num\">Open</th><th class=\"num\">Overdue</th>")
                .append("<th class=\"num\">Days past due</th><th>Outlook</th>")
                .append("<th class=\"num\">Priority</th>").append(disputes ? "<th>Dispute opened</th>" : "")
                .append("<th>Next action</th><th>Why</th><th>Last payment</th><th>Last contact</th>")
                .append("<th>Promise and plan</th>")
                .append("<th class=\"num\">Open invoices</th></tr></thead>\n<tbody>\n");
        for (CollectorQueue.Customer c : rows.subList(0, Math.min(shown, rows.size()))) {
            html.append(customerRow(c, disputes)).append('\n');
        }
        html.append("</tbody></table>");
        if (rows.size() > shown) {
            html.append("<p class=\"more\">Showing the first ").append(count(shown)).append(" of ")
                    .append(count(rows.size())).append(" customers in rank order. All are in this collector's CSV "
                            + "(by-collector/), its sheet of worklist.xlsx and worklist-customers.csv.</p>");
        }
        html.append("</section>\n");
    }

    private static String count(int n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** The collector's activity figures, a line each, one column per month. */
    private static void activity(StringBuilder html, List<CollectorActivity.Month> months) {
        html.append("<section id=\"activity\"><h2>Your collections activity</h2>\n<p class=\"meta\">Of the "
                + "customers you own. ").append(escape(CollectorActivity.SCOPE)).append("</p>\n")
                .append("<table class=\"activity\"><thead><tr><th>Figure</th>");
        for (CollectorActivity.Month m : months) {
            html.append("<th>").append(m.month()).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (CollectorActivity.Figure f : CollectorActivity.FIGURES) {
            html.append("<tr><th>").append(escape(f.label())).append("</th>");
            for (CollectorActivity.Month m : months) {
                html.append("<td class=\"num\">").append(escape(f.text().apply(m))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    /** One customer's row, on one line of the page source. */
    static String customerRow(CollectorQueue.Customer customer, boolean disputes) {
        Row r = customer.row();
        String name = WorklistTables.CUSTOMER_NAME.of(r);
        String id = WorklistTables.CUSTOMER_ID.of(r);
        int days = WorklistTables.MAX_DAYS_PAST_DUE.of(r);
        String currency = WorklistTables.CURRENCY.of(r);
        StringBuilder row = new StringBuilder("<tr>")
                .append(num(WorklistTables.CUSTOMER_RANK.of(r), String.valueOf(WorklistTables.CUSTOMER_RANK.of(r))))
                .append(td(WorklistTables.IN_TODAY.of(r) ? "today"
                        : WorklistTables.COOLING_OFF.of(r) ? "cooling off" : ""))
                // An export whose only customer id is the name (Xero's ContactName) would say it twice.
                .append(td(name == null || name.equals(id) ? id : name + " (" + id + ")"))
                .append(num(WorklistTables.OPEN_AMOUNT.of(r), escape(OnAccountCover.openShown(
                        WorklistTables.OPEN_AMOUNT.of(r), WorklistTables.ON_ACCOUNT_CREDIT.of(r),
                        WorklistTables.NET_BALANCE.of(r), currency) + BilledAmounts.asBilled(r, false))))
                .append(billedCell(r, currency))
                .append(num(days, days > 0 ? days + " (" + escape(WorklistTables.OLDEST_BUCKET.of(r)) + ")"
                        : FinanceFormat.daysPastDue(days)))
                .append(td(Outlook.ofCustomer(days, WorklistTables.PROBABILITY_LATE.of(r),
                        WorklistTables.EXPECTED_DAYS_TO_PAY.of(r), WorklistTables.DAYS_TO_PAY_BASIS.of(r),
                        WorklistTables.DAYS_TO_PAY_INVOICES.of(r), WorklistTables.DAYS_TO_PAY_CLOSED_UNPAID.of(r),
                        WorklistTables.OPEN_INVOICES.of(r))))
                .append(moneyCell(WorklistTables.PRIORITY_VALUE.of(r), currency));
        if (disputes) {
            row.append(td(date(WorklistTables.OLDEST_DISPUTE_OPENED.of(r))));
        }
        row.append(td(WorklistTables.NEXT_ACTION.of(r))).append(td(reasons(r)))
                .append(td(date(WorklistTables.LAST_PAYMENT_DATE.of(r)))).append(td(lastContact(r)))
                .append(td(commitments(r)));
        int n = customer.invoices().size();
        row.append("<td class=\"num\" data-sort=\"").append(n).append("\"><details><summary>").append(n)
                .append(n == 1 ? " invoice" : " invoices").append("</summary>").append(invoices(customer, disputes))
                .append("</details></td></tr>");
        return row.toString();
    }

    private static String invoices(CollectorQueue.Customer customer, boolean disputes) {
        StringBuilder t = new StringBuilder("<table class=\"invoices\"><thead><tr><th>Invoice</th><th>Invoice date</th>"
                + "<th>Due date</th><th class=\"num\">Amount</th><th class=\"num\">Open</th>"
                + "<th class=\"num\">Days past due</th><th>Outlook</th><th class=\"num\">Priority</th>"
                + (disputes ? "<th>Dispute</th>" : "") + "<th>Next action</th><th>Why</th></tr></thead><tbody>");
        for (Row i : customer.invoices()) {
            int days = WorklistTables.DAYS_PAST_DUE.of(i);
            String currency = WorklistTables.CURRENCY.of(i);
            t.append("<tr>").append(td(WorklistTables.INVOICE_ID.of(i)))
                    .append(td(date(WorklistTables.INVOICE_DATE.of(i)))).append(td(date(WorklistTables.DUE_DATE.of(i))))
                    .append(moneyCell(WorklistTables.AMOUNT.of(i), currency))
                    .append(moneyCell(WorklistTables.OPEN_AMOUNT.of(i), currency))
                    .append(num(days, days > 0 ? String.valueOf(days) : FinanceFormat.notYetDue(days)))
                    .append(td(Outlook.of(days, WorklistTables.PROBABILITY_LATE.of(i),
                            WorklistTables.EXPECTED_DAYS_TO_PAY.of(i), WorklistTables.DAYS_TO_PAY_BASIS.of(i),
                            WorklistTables.DAYS_TO_PAY_INVOICES.of(i),
                            WorklistTables.DAYS_TO_PAY_CLOSED_UNPAID.of(i))))
                    // The customer's priority counts only the invoices with an action today: a large figure beside
                    // "No action yet" read as the call's reason.
                    .append(DunningStrategy.NO_ACTION.equals(WorklistTables.ACTION_CODE.of(i))
                            ? "<td class=\"num\">not counted until a step applies</td>"
                            : moneyCell(WorklistTables.PRIORITY_VALUE.of(i), currency));
            if (disputes) {
                String reason = WorklistTables.DISPUTE_REASON.of(i);
                t.append(td("opened " + date(WorklistTables.DISPUTE_OPENED.of(i))
                        + (reason == null ? "" : ": " + reason)));
            }
            LocalDate promisedBy = WorklistTables.PROMISED_BY.of(i);
            t.append(td(WorklistTables.NEXT_ACTION.of(i) + (promisedBy == null ? "" : "; promised by " + promisedBy
                    + " (no reminder until then)") + reversed(i, currency))).append(td(reasons(i))).append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /**
     * "; USD 4,000.00 of its payments reversed on 2025-06-25 (a returned cheque or a chargeback)", or nothing: an
     * invoice open again because its cash came back is another call than a reminder.
     */
    static String reversed(Row invoice, String currency) {
        LocalDate on = WorklistTables.PAYMENT_REVERSED_ON.of(invoice);
        return on == null ? "" : "; " + InvoiceCurrency.shown(WorklistTables.REVERSED_AMOUNT.of(invoice), currency)
                + " of its payments reversed on " + on + " (a returned cheque or a chargeback)";
    }

    /** "2025-03-30 call, promised (1 day ago)", "2025-03-25 email, left message (6 days ago)", or a dash when none. */
    private static String lastContact(Row r) {
        LocalDate day = WorklistTables.LAST_CONTACT_DATE.of(r);
        if (day == null) {
            return NONE;
        }
        String outcome = WorklistTables.LAST_CONTACT_OUTCOME.of(r);
        int days = WorklistTables.DAYS_SINCE_CONTACT.of(r);
        return day + " " + WorklistTables.LAST_CONTACT_CHANNEL.of(r)
                + (outcome == null ? "" : ", " + outcome.replace('_', ' ')) + " ("
                + (days == 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago") + ")";
    }

    /**
     * "promise broken: 500.00 by 2025-03-20; instalment missed: 300.00 due 2025-03-20", or a dash. Amounts without
     * a currency: a promise or plan may be in another currency than the row.
     */
    private static String commitments(Row r) {
        List<String> said = new ArrayList<>();
        String promise = WorklistTables.PROMISE_STATUS.of(r);
        if (promise != null) {
            said.add("promise " + promise.replace('_', ' ') + ": "
                    + InvoiceCurrency.shown(WorklistTables.PROMISE_AMOUNT.of(r), null) + " by "
                    + WorklistTables.PROMISE_DATE.of(r));
        }
        String plan = WorklistTables.PLAN_INSTALMENT_STATUS.of(r);
        if (plan != null) {
            said.add("instalment " + plan + ": " + InvoiceCurrency.shown(WorklistTables.PLAN_INSTALMENT_AMOUNT.of(r),
                    null) + " due " + WorklistTables.PLAN_INSTALMENT_DUE.of(r));
        }
        return said.isEmpty() ? NONE : String.join("; ", said);
    }

    private static List<CollectorQueue.Customer> today(List<CollectorQueue.Customer> customers) {
        return customers.stream().filter(c -> WorklistTables.IN_TODAY.of(c.row())).toList();
    }

    /** The customers' open amount, one sum per currency: "USD 1,700.00" or "USD 1,700.00 and EUR 300.00". */
    private static String open(List<CollectorQueue.Customer> customers) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        for (CollectorQueue.Customer c : customers) {
            byCurrency.merge(WorklistTables.CURRENCY.of(c.row()), WorklistTables.OPEN_AMOUNT.of(c.row()),
                    BigDecimal::add);
        }
        return String.join(" and ", byCurrency.entrySet().stream()
                .map(e -> InvoiceCurrency.shown(e.getValue(), e.getKey())).toList());
    }

    private static String customers(List<CollectorQueue.Customer> customers) {
        return customers.size() + (customers.size() == 1 ? " customer" : " customers");
    }

    /** The reasons of a row, in order, separated by semicolons. */
    private static String reasons(Row r) {
        List<String> why = new ArrayList<>();
        for (var column : List.of(WorklistTables.REASON_1, WorklistTables.REASON_2, WorklistTables.REASON_3)) {
            if (column.of(r) != null) {
                why.add(column.of(r));
            }
        }
        return String.join("; ", why);
    }

    private static String td(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    /** A number's cell: its text as given (formatted here, never from the export) and its value to sort by. */
    private static String num(Number value, String html) {
        return "<td class=\"num\" data-sort=\"" + value + "\">" + html + "</td>";
    }

    /** A customer row's overdue amount, and what it is as billed when the row is converted. */
    private static String billedCell(Row r, String currency) {
        BigDecimal overdue = WorklistTables.OVERDUE_AMOUNT.of(r);
        return overdue == null ? moneyCell(null, currency)
                : num(overdue, escape(InvoiceCurrency.shown(overdue, currency) + BilledAmounts.asBilled(r, true)));
    }

    private static String moneyCell(BigDecimal amount, String currency) {
        return amount == null ? "<td class=\"num\">" + NONE + "</td>"
                : num(amount, escape(InvoiceCurrency.shown(amount, currency)));
    }

    private static String date(LocalDate day) {
        return day == null ? NONE : day.toString();
    }

    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222;
                   margin: 24px auto; max-width: 1300px; padding: 0 16px; }
            h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px;
                   border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .meta, .hint { color: #666; font-size: 13px; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
            th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
            th { background: #f5f5f5; } .num { text-align: right; font-variant-numeric: tabular-nums; }
            table.invoices { font-size: 12px; margin: 4px 0 4px auto; } table.invoices th { background: #fafafa; }
            summary { cursor: pointer; white-space: nowrap; }
            button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0;
                   cursor: pointer; text-align: inherit; }
            button.sort::after { content: " \\2195"; color: #999; }
            th[aria-sort=ascending] button.sort::after { content: " \\25B2"; color: #333; }
            th[aria-sort=descending] button.sort::after { content: " \\25BC"; color: #333; }
            @media print {
              body { margin: 0; max-width: none; font-size: 11px; }
              .hint, summary::marker { display: none; }
              button.sort::after, th[aria-sort] button.sort::after { content: none; }
              details::details-content { content-visibility: visible; display: block; }
              tr { break-inside: avoid; page-break-inside: avoid; }
              thead { display: table-header-group; }
            }
            """;

    /** Sorts a queue's rows by a clicked column (numbers by their value, the rest as text) and unfolds for print. */
    private static final String SCRIPT = """
            (function () {
              function key(cell) { return cell.getAttribute('data-sort'); }
              function compare(a, b) {
                var x = key(a), y = key(b);
                if (x !== null && y !== null) { return parseFloat(x) - parseFloat(y); }
                return a.textContent.localeCompare(b.textContent);
              }
              document.querySelectorAll('table.queue').forEach(function (table) {
                var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
                heads.forEach(function (th, column) {
                  var button = document.createElement('button');
                  button.type = 'button';
                  button.className = 'sort';
                  while (th.firstChild) { button.appendChild(th.firstChild); }
                  th.appendChild(button);
                  button.addEventListener('click', function () {
                    var ascending = th.getAttribute('aria-sort') !== 'ascending';
                    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
                    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var c = compare(a.cells[column], b.cells[column]);
                      return ascending ? c : -c;
                    });
                    rows.forEach(function (row) { body.appendChild(row); });
                  });
                });
              });
              document.querySelectorAll('.hint').forEach(function (hint) { hint.hidden = false; });
              var folded = [];
              window.addEventListener('beforeprint', function () {
                folded = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) {
                  return !d.open;
                });
                folded.forEach(function (d) { d.open = true; });
              });
              window.addEventListener('afterprint', function () {
                folded.forEach(function (d) { d.open = false; });
              });
            })();
            """;
}
