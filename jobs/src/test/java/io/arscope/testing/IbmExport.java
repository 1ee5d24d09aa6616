package io.arscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A hand-made export of IBM's shape (an invoice and its settlement on one line) and the shipped mapping for it. */
public final class IbmExport {

    private static final String HEADER = "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,"
            + "InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate";

    private IbmExport() {
    }

    /** Writes the lines under IBM's header into {@code dir/export}; returns that folder. */
    public static Path write(Path dir, String... lines) throws IOException {
        Path export = Files.createDirectories(dir.resolve("export"));
        List<String> all = new ArrayList<>(List.of(HEADER));
        all.addAll(List.of(lines));
        all.add("");
        Files.writeString(export.resolve("ibm-accounts-receivable.csv"), String.join("\n", all));
        return export;
    }

    /** The shipped mapping of IBM's export. */
    public static String mapping() {
        return Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings/ibm-accounts-receivable.yaml")
                .toString();
    }
}
