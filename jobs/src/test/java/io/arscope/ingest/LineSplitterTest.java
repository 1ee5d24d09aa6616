package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final LineSplitter comma = new LineSplitter(',');

    @Test
    void splitsOnTheDelimiterKeepingEmptyFields() {
        assertEquals(List.of("a", "", "c", ""), comma.split("a,,c,"));
        assertEquals(List.of(""), comma.split(""));
        assertEquals(List.of("a", "b"), new LineSplitter(';').split("a;b"));
        assertEquals(List.of("a,b"), new LineSplitter(';').split("a,b"));
    }

    @Test
    void quotesProtectDelimitersAndDoubledQuotes() {
        assertEquals(List.of("Acme, Inc.", "say \"hi\"", "x"), comma.split("\"Acme, Inc.\",\"say \"\"hi\"\"\",x"));
        assertEquals(List.of("", "b"), comma.split("\"\",b"));
    }

    @Test
    void anUnbalancedQuoteIsMalformedNotMisread() {
        assertNull(comma.split("\"Acme, Inc.,x"));
    }
}
