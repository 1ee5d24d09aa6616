package io.arscope.ingest.mapping;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a source tells a debit row from a credit row: an indicator {@code column} whose {@code debit} or
 * {@code credit} text says it (SAP's SHKZG with S and H), or the sign of an amount column ({@code signOf}: a
 * negative amount is a credit). Either way the canonical amounts of such a source are magnitudes, and a target's
 * {@code when} can test the side with {@code {debitCredit: debit}}.
 */
public record DebitCredit(String column, String debit, String credit, String signOf) implements Serializable {

    /** A row's side. */
    public enum Side {
        DEBIT, CREDIT;

        /** As a mapping writes it: {@code debit} or {@code credit}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @JsonCreator
    public DebitCredit(@JsonProperty("column") String column, @JsonProperty("debit") String debit,
            @JsonProperty("credit") String credit, @JsonProperty("signOf") String signOf) {
        this.column = column;
        this.debit = debit;
        this.credit = credit;
        this.signOf = signOf;
    }

    /** The column the side is read from. */
    public String sourceColumn() {
        return signOf != null ? signOf : column;
    }
}
