package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.UsageException;

/**
 * The collectors file as an HR or ERP user list exports it: a header in any case and order, a byte-order mark,
 * quoted names with commas, blank lines; and each way it can be wrong refused with the file, line and column.
 */
class CollectorNamesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("collectors.csv"), text);
    }

    private String refusal(String text) throws Exception {
        Path f = file(text);
        return assertThrows(UsageException.class, () -> CollectorNames.read(f)).getMessage()
                .replace(f.toString(), "F");
    }

    @Test
    void namesAddressesAndPhonesByTheIdTheDataUses() throws Exception {
        CollectorNames names = CollectorNames.read(file("\uFEFFName,Collector,EMAIL\r\n"
                + "\"Ruiz, Ana\",ana.ruiz,ana.ruiz@acme.example\r\n"
                + "\r\n"
                + "  Ben Carter ,ben.carter,\r\n"));
        assertEquals(Optional.of(new CollectorNames.Signature("Ruiz, Ana", "ana.ruiz@acme.example", "")),
                names.of("ana.ruiz"));
        assertEquals(Optional.of(new CollectorNames.Signature("Ben Carter", "", "")), names.of("ben.carter"));
        assertEquals(Optional.empty(), names.of("chloe.ng"));
        assertEquals(2, names.size());
        assertEquals(List.of("chloe.ng", "dev.patel"), names.unnamed(List.of("dev.patel", "ana.ruiz", "chloe.ng",
                "chloe.ng")));
        assertEquals(List.of(), CollectorNames.NONE.unnamed(List.of("ana.ruiz")));
    }

    @Test
    void aWrongFileIsRefusedNamingTheLineAndColumn() throws Exception {
        assertEquals("collectors file F, line 1: unknown column 'mail' (the columns are [collector, name, email, "
                + "phone])", refusal("collector,name,mail\nana.ruiz,Ana,a@b.c\n"));
        assertEquals("collectors file F, line 1: no column 'name'", refusal("collector,email\nana.ruiz,a@b.c\n"));
        assertEquals("collectors file F, line 1: column 'name' twice", refusal("collector,name,Name\n"));
        assertEquals("collectors file F, line 3: column 'name' is empty for collector 'ben.carter'",
                refusal("collector,name\nana.ruiz,Ana Ruiz\nben.carter, \n"));
        assertEquals("collectors file F, line 2: column 'collector' is empty", refusal("collector,name\n,Ana Ruiz\n"));
        assertEquals("collectors file F, line 3: collector 'ana.ruiz' is named twice",
                refusal("collector,name\nana.ruiz,Ana Ruiz\nana.ruiz,Ana R.\n"));
        assertEquals("collectors file F, line 2: column 'email' is not an e-mail address: 'ana at acme'",
                refusal("collector,name,email\nana.ruiz,Ana Ruiz,ana at acme\n"));
        assertEquals("collectors file F, line 2: 3 fields, but the header names 2 columns",
                refusal("collector,name\nana.ruiz,Ana Ruiz,extra\n"));
        assertEquals("collectors file F, line 2: a field holds a line break",
                refusal("collector,name\nana.ruiz,\"Ana\nRuiz\"\n"));
        assertEquals("collectors file F is empty: its first line names the columns [collector, name, email, phone]",
                refusal(""));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "collector,name\nana.ruiz,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("collectors file " + latin1 + " is not UTF-8 text",
                assertThrows(UsageException.class, () -> CollectorNames.read(latin1)).getMessage());
        Path missing = dir.resolve("missing.csv");
        assertEquals(true, assertThrows(UsageException.class, () -> CollectorNames.read(missing)).getMessage()
                .startsWith("cannot read collectors file " + missing + ": "));
    }
}
