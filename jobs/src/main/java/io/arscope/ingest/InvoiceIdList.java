package io.arscope.ingest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import io.arscope.model.CanonicalTable;

/**
 * The invoices a promise to pay or a payment plan lists, in one text field separated by
 * {@link CanonicalTable#INVOICE_ID_SEPARATOR}: written in canonical form (ids trimmed, empty ones and repeats
 * dropped, in the order given), and null when none is left, which means the customer's balance.
 */
final class InvoiceIdList {

    static final String FIELD = "invoice_ids";

    private InvoiceIdList() {
    }

    static void normalise(CanonicalTable table, Object[] record) {
        int index = table.indexOf(FIELD);
        String listed = (String) record[index];
        if (listed == null) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(listed.split(CanonicalTable.INVOICE_ID_SEPARATOR, -1)).map(String::strip)
                .filter(id -> !id.isEmpty()).forEach(ids::add);
        record[index] = ids.isEmpty() ? null : String.join(CanonicalTable.INVOICE_ID_SEPARATOR, ids);
    }
}
