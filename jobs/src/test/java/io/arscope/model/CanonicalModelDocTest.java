package io.arscope.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The documented model is the model in code: every field, with its type and whether it is required. */
class CanonicalModelDocTest {

    @Test
    void everyFieldIsDocumentedUnderItsTable() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("arscope.repo.dir"),
                "notebooks-docs/canonical-model.md"));
        for (CanonicalTable table : CanonicalTable.values()) {
            int section = doc.indexOf("### " + table.tableName() + "\n");
            assertTrue(section >= 0, "no section for " + table.tableName());
            int end = doc.indexOf("\n### ", section + 1);
            String text = doc.substring(section, end < 0 ? doc.length() : end);
            for (CanonicalField field : table.fields()) {
                String row = "| `" + field.name() + "` | " + field.type().sparkType().simpleString() + " | "
                        + (field.required() ? "yes" : "no") + " | " + field.meaning() + " |";
                assertTrue(text.contains(row), table.tableName() + ": missing or outdated row " + row);
            }
        }
    }
}
