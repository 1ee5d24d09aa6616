package io.arscope.alerts;

import static io.arscope.run.HtmlText.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * The alerts of one run as the CFO report and the collections lead's team page show them: read through
 * {@link AlertsTables#ALERTS} and written as one HTML table, every value from the data escaped.
 *
 * @param alerts       the rows, the most severe first
 * @param previousAsOf the as-of date of the run compared with, or null when there was none
 */
public record AlertList(List<Alert> alerts, LocalDate previousAsOf) {

    /** One alert, as shown. */
    public record Alert(String kind, String severity, String subjectId, String subjectName, String change) {

        /**
         * The subject as people read it: a customer as "Name (id)", since collectors look accounts up by id; a
         * metric or the model by its name alone, since their ids are column names; nothing for the row that says
         * there was no earlier run, which is about no subject. The id alone when there is no name.
         */
        public String subject() {
            if (AlertsTables.NO_PREVIOUS_RUN.equals(kind)) {
                return "";
            }
            if (subjectName == null) {
                return subjectId;
            }
            return AlertsTables.CUSTOMER_KINDS.contains(kind) ? subjectName + " (" + subjectId + ")" : subjectName;
        }
    }

    /**
     * The alerts an alerts run wrote under {@code folder}, and the run they compare with as its manifest records it:
     * only some kinds of alert name it on their rows (a metric out of its range does not), so rows of those kinds
     * alone once read as "compared with no earlier run". An alerts run older than its manifest's field is read from
     * its rows.
     */
    public static AlertList read(SparkSession spark, String folder) {
        List<Row> rows = AlertsTables.ALERTS.read(spark, folder).orderBy(AlertsTables.order()).collectAsList();
        LocalDate previous = previousAsOf(spark, folder);
        if (previous == null) {
            previous = rows.stream().map(AlertsTables.PREVIOUS_AS_OF::of).filter(d -> d != null).findFirst()
                    .orElse(null);
        }
        return new AlertList(rows.stream().map(r -> new Alert(AlertsTables.KIND.of(r), AlertsTables.SEVERITY.of(r),
                AlertsTables.SUBJECT_ID.of(r), AlertsTables.SUBJECT_NAME.of(r), AlertsTables.CHANGE.of(r))).toList(),
                previous);
    }

    private static LocalDate previousAsOf(SparkSession spark, String folder) {
        String manifest = OutputFiles.child(folder, AlertsTables.MANIFEST);
        try {
            RunManifest<Map<String, Object>, Map<String, Object>, Map<String, Object>> run = RunManifest.read(
                    OutputFiles.readText(spark, manifest), new TypeReference<>() { });
            Object day = run.options() == null ? null : run.options().get("previous_as_of");
            return day == null ? null : LocalDate.parse(day.toString());
        } catch (java.io.FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the alerts run's manifest " + manifest, e);
        }
    }

    /** The alerts of {@code kinds}, in order. */
    public List<Alert> of(List<String> kinds) {
        return alerts.stream().filter(a -> kinds.contains(a.kind())).toList();
    }

    /** The most alerts a page shows; the rest are in the alerts table. */
    public static final int SHOWN = 25;

    /**
     * An HTML table of the first {@value #SHOWN} of {@code alerts}: severity, kind, subject, what changed; a line
     * after it says how many more the alerts table holds.
     */
    public static String table(List<Alert> alerts) {
        return table(alerts, null);
    }

    /**
     * As {@link #table(List)}, with a column naming whose the alert is ({@code owner}, text as shown; none when
     * null): a team lead hands each alert to the customer's collector.
     */
    public static String table(List<Alert> alerts, java.util.function.Function<Alert, String> owner) {
        StringBuilder html = new StringBuilder("<table class=\"alerts\"><thead><tr><th>Severity</th><th>Kind</th>"
                + "<th>Subject</th>" + (owner == null ? "" : "<th>Collector</th>")
                + "<th>What changed</th></tr></thead>\n<tbody>\n");
        for (Alert a : alerts.subList(0, Math.min(SHOWN, alerts.size()))) {
            html.append("<tr class=\"").append(escape(a.severity())).append("\"><td>").append(escape(a.severity()))
                    .append("</td><td>").append(escape(a.kind().replace('_', ' '))).append("</td><td>")
                    .append(escape(a.subject())).append(owner == null ? "" : "</td><td>" + escape(owner.apply(a)))
                    .append("</td><td>").append(escape(a.change())).append("</td></tr>\n");
        }
        html.append("</tbody></table>");
        if (alerts.size() > SHOWN) {
            html.append("\n<p class=\"note\">").append(alerts.size() - SHOWN)
                    .append(" more in the alerts table (alerts.csv beside alerts/).</p>");
        }
        return html.toString();
    }
}
