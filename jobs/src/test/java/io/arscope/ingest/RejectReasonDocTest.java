package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The reason codes the canonical model's docs list are the codes ingest gives, no more and no fewer. */
class RejectReasonDocTest {

    @Test
    void everyReasonCodeHasARowInTheDocsTable() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("arscope.repo.dir"),
                "notebooks-docs/canonical-model.md"));
        String table = doc.substring(doc.indexOf("## Reject reason codes"), doc.indexOf("## Ingest outputs"));
        TreeSet<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(new TreeSet<>(Arrays.stream(RejectReason.values()).map(Enum::name).toList()), documented);
    }
}
