package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.DatabaseSpec;
import io.arscope.ingest.mapping.MappingException;

class JdbcConnectionTest {

    private static final DatabaseSpec MAPPED = new DatabaseSpec("jdbc:postgresql://db:5432/erp", "mapped");

    @Test
    void theCommandLineWinsThenTheEnvironmentThenTheMapping() throws MappingException {
        Map<String, String> env = Map.of(JdbcConnection.USER_ENV, "from-env", JdbcConnection.PASSWORD_ENV, "s3cret");
        JdbcConnection fromOptions = JdbcConnection.resolve(MAPPED, "jdbc:postgresql://other/erp", "cli", env);
        assertEquals("jdbc:postgresql://other/erp", fromOptions.url());
        assertEquals("cli", fromOptions.user());
        assertEquals("from-env", JdbcConnection.resolve(MAPPED, null, null, env).user());
        JdbcConnection mapped = JdbcConnection.resolve(MAPPED, null, null, Map.of());
        assertEquals("jdbc:postgresql://db:5432/erp as mapped", mapped.toString());
        assertNull(JdbcConnection.resolve(new DatabaseSpec(MAPPED.url(), null), null, null, Map.of()).user());
    }

    @Test
    void thePasswordIsNeverShown() throws MappingException {
        JdbcConnection c = JdbcConnection.resolve(MAPPED, null, null, Map.of(JdbcConnection.PASSWORD_ENV, "s3cret"));
        assertFalse(c.toString().contains("s3cret"));
    }

    @Test
    void aUrlThatCarriesAPasswordIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"jdbc:postgresql://db/erp?user=a&password=s3cret",
                "jdbc:mysql://a:s3cret@db/erp"}) {
            MappingException e = assertThrows(MappingException.class,
                    () -> JdbcConnection.resolve(null, url, null, Map.of()));
            assertTrue(e.getMessage().contains(JdbcConnection.PASSWORD_ENV), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void aDatabaseSourceWithoutAUrlIsAMappingError() {
        MappingException e = assertThrows(MappingException.class,
                () -> JdbcConnection.resolve(null, null, null, Map.of()));
        assertTrue(e.getMessage().contains("--jdbc-url"), e.getMessage());
    }
}
