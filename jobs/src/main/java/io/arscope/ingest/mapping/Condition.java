package io.arscope.ingest.mapping;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A test of a source row, as a target's {@code when} or a source's {@code ignore} gives it. A leaf names a
 * {@code column} and exactly one test: non-empty ({@code present: true}), empty ({@code present: false}), a true
 * or false flag ({@code flag}), equal to a text ({@code equals}) or to one of several ({@code in}), starting with a
 * text ({@code startsWith}: a report's "Total for ..." lines, Odoo's "Reversal of: ..." references). A
 * {@code debitCredit} leaf ({@code debit} or {@code credit}) tests the row's side as the source's
 * {@link DebitCredit} reads it. Leaves combine: {@code all} (every one holds), {@code any} (at least one holds),
 * {@code not} (it does not hold). A node is exactly one of these; {@link Mapping} checks that on loading.
 */
public record Condition(String column, Boolean present, Boolean flag, String equalTo, List<String> in,
        String startsWith, String debitCredit, List<Condition> all, List<Condition> any, Condition not)
        implements Serializable {

    @JsonCreator
    public Condition(@JsonProperty("column") String column, @JsonProperty("present") Boolean present,
            @JsonProperty("flag") Boolean flag, @JsonProperty("equals") String equalTo,
            @JsonProperty("in") List<String> in, @JsonProperty("startsWith") String startsWith,
            @JsonProperty("debitCredit") String debitCredit,
            @JsonProperty("all") List<Condition> all, @JsonProperty("any") List<Condition> any,
            @JsonProperty("not") Condition not) {
        this.column = column;
        this.present = present;
        this.flag = flag;
        this.equalTo = equalTo;
        this.in = in == null ? null : List.copyOf(in);
        this.startsWith = startsWith;
        this.debitCredit = debitCredit;
        this.all = all == null ? null : List.copyOf(all);
        this.any = any == null ? null : List.copyOf(any);
        this.not = not;
    }

    /** The alternatives an {@code any} offers, each counted on its own; the condition itself otherwise. */
    public List<Condition> alternatives() {
        return any != null ? any : List.of(this);
    }

    /** The conditions this one combines: those of all, any or not; none for a leaf. */
    public List<Condition> children() {
        return all != null ? all : any != null ? any : not != null ? List.of(not) : List.of();
    }

    /** The columns the condition reads, in the order it names them; a debit/credit leaf reads none of its own. */
    public Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        if (column != null) {
            out.add(column);
        }
        children().forEach(c -> out.addAll(c.columns()));
        return out;
    }

    /** Whether the condition tests the row's side, debit or credit, anywhere in it. */
    public boolean readsSide() {
        return debitCredit != null || children().stream().anyMatch(Condition::readsSide);
    }

    /** The condition in words, as counts of ignored rows name it: {@code Num is empty and Amount is not empty}. */
    public String describe() {
        if (all != null) {
            return all.stream().map(Condition::grouped).collect(Collectors.joining(" and "));
        }
        if (any != null) {
            return any.stream().map(Condition::grouped).collect(Collectors.joining(" or "));
        }
        if (not != null) {
            return "not (" + not.describe() + ")";
        }
        if (debitCredit != null) {
            return "the row is a " + debitCredit;
        }
        if (present != null) {
            return column + (present ? " is not empty" : " is empty");
        }
        if (flag != null) {
            return column + " is " + flag;
        }
        if (equalTo != null) {
            return column + " is '" + equalTo + "'";
        }
        if (startsWith != null) {
            return column + " starts with '" + startsWith + "'";
        }
        return column + " is one of " + in.stream().map(v -> "'" + v + "'").toList();
    }

    private String grouped() {
        return all != null || any != null ? "(" + describe() + ")" : describe();
    }
}
