package io.arscope.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The "did you mean" of configuration errors: which valid name a mistyped one is taken for, and when none. */
class ClosestNameTest {

    @Test
    void editDistanceCountsUnderscoreAndDashAndCaseAsTheSame() {
        assertEquals(3, ClosestName.distance("kitten", "sitting"));
        assertEquals(0, ClosestName.distance("max_reject_share", "max-reject-share"));
        assertEquals(0, ClosestName.distance("DateFormats", "dateformats"));
        // date_formats -> dateFormats: the underscore removed, the F's case free.
        assertEquals(1, ClosestName.distance("date_formats", "dateFormats"));
        assertEquals(1, ClosestName.distance("ingst", "ingest"));
        assertEquals(4, ClosestName.distance("", "file"));
    }

    @Test
    void theNearestNameWithinAThirdOfTheTypedLengthIsSuggested() {
        List<String> options = List.of("as-of", "input", "mapping", "max-reject-share", "output");
        assertEquals(Optional.of("max-reject-share"), ClosestName.among("max_reject_share", options));
        assertEquals(Optional.of("input"), ClosestName.among("inpt", options));
        // A swap is two edits, more than the one a five-letter name allows.
        assertEquals(Optional.empty(), ClosestName.among("inptu", options));
        // Six letters allow two edits: "maping" is one from mapping.
        assertEquals(Optional.of("mapping"), ClosestName.among("maping", options));
        // "outputs" is one edit from output; "xyz" is three from every name, more than its one allowed.
        assertEquals(Optional.of("output"), ClosestName.among("outputs", options));
        assertEquals(Optional.empty(), ClosestName.among("xyz", options));
        // At most three edits however long the name: "max-reject-count" is five from max-reject-share.
        assertEquals(Optional.empty(), ClosestName.among("max-reject-count", options));
        // Equally near: the first in the given order.
        assertEquals(Optional.of("ab"), ClosestName.among("a", List.of("ab", "ac")));
    }

    @Test
    void theHintNamesTheNearestOrListsAllSorted() {
        assertEquals("did you mean 'file'?", ClosestName.hint("fle", List.of("name", "file", "table")));
        assertEquals("expected one of [file, name, table]", ClosestName.hint("zzz", List.of("name", "file",
                "table")));
    }
}
