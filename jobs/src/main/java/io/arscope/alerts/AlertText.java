package io.arscope.alerts;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** The words of alerts built in Spark: amounts with their currency, counts with their noun, days late. */
final class AlertText {

    private AlertText() {
    }

    /** "USD 12,345.00"; the figure alone when the currency is not known. */
    static Column money(Column amount, Column currency) {
        return concat_ws(" ", currency, format_number(amount, 2));
    }

    /** "1 invoice", "3 invoices". */
    static Column count(Column n, String noun) {
        return concat(n.cast("string"), when(n.equalTo(1), lit(" " + noun)).otherwise(lit(" " + noun + "s")));
    }

    /** An average of days late as people read it: "on time" for none, else "12.5 days late". */
    static Column daysLate(Column days) {
        return when(days.equalTo(0), lit("on time")).otherwise(format_string("%.1f days late", days));
    }

    /** A probability as a percent with one decimal: "41.0%". */
    static Column percent(Column probability) {
        return format_string("%.1f%%", probability.multiply(100));
    }
}
