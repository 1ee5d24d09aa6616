package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What {@link Secrets} masks, form by form, with the exact text it leaves, and where it is applied. */
class SecretsTest {

    private static final Secrets NONE = Secrets.of(Map.of());

    private static void redacts(String expected, String text) {
        assertEquals(expected, NONE.redact(text));
    }

    @Test
    void postgresqlUrls() {
        redacts("jdbc:postgresql://db.example.com:5432/erp?user=arscope&password=***&ssl=true",
                "jdbc:postgresql://db.example.com:5432/erp?user=arscope&password=S3cret&ssl=true");
        redacts("jdbc:postgresql://db:5432/erp?sslmode=verify-full&sslpassword=***",
                "jdbc:postgresql://db:5432/erp?sslmode=verify-full&sslpassword=K3y-pass");
        redacts("jdbc:postgresql://arscope:***@db:5432/erp", "jdbc:postgresql://arscope:S3cret@db:5432/erp");
        redacts("jdbc:postgresql://db:5432/erp?PASSWORD=***", "jdbc:postgresql://db:5432/erp?PASSWORD=S3cret");
    }

    @Test
    void mysqlUrls() {
        redacts("jdbc:mysql://arscope:***@db:3306/erp?useSSL=true", "jdbc:mysql://arscope:S3cret@db:3306/erp?useSSL=true");
        redacts("jdbc:mysql://db:3306/erp?user=arscope&password=***", "jdbc:mysql://db:3306/erp?user=arscope&password=S3cret");
        redacts("jdbc:mysql://(host=db,port=3306,user=arscope,password=***)/erp",
                "jdbc:mysql://(host=db,port=3306,user=arscope,password=S3cret)/erp");
    }

    @Test
    void sqlServerUrls() {
        redacts("jdbc:sqlserver://db:1433;databaseName=erp;user=arscope;password=***;encrypt=true",
                "jdbc:sqlserver://db:1433;databaseName=erp;user=arscope;password=S3cret;encrypt=true");
        redacts("jdbc:sqlserver://db:1433;user=arscope;password={***};encrypt=true",
                "jdbc:sqlserver://db:1433;user=arscope;password={S3;cret};encrypt=true");
        // An Azure login holds an @: the host and port before it are not user-info.
        redacts("jdbc:sqlserver://db.database.windows.net:1433;user=arscope@db;password=***",
                "jdbc:sqlserver://db.database.windows.net:1433;user=arscope@db;password=S3cret");
        redacts("jdbc:databricks://host:443/default;AuthMech=3;UID=token;PWD=***",
                "jdbc:databricks://host:443/default;AuthMech=3;UID=token;PWD=dapi0123");
    }

    @Test
    void oracleThinUrls() {
        redacts("jdbc:oracle:thin:arscope/***@db:1521:ERP", "jdbc:oracle:thin:arscope/S3cret@db:1521:ERP");
        redacts("jdbc:oracle:thin:arscope/***@//db:1521/erp", "jdbc:oracle:thin:arscope/S3cret@//db:1521/erp");
        redacts("jdbc:oracle:thin:@//db:1521/erp", "jdbc:oracle:thin:@//db:1521/erp");
    }

    @Test
    void userInfoInAnyUri() {
        redacts("s3a://AKIAEXAMPLE:***@bucket/ar/export", "s3a://AKIAEXAMPLE:wJalrXUtnFEMI%2FK7MDENG@bucket/ar/export");
        // Written unencoded, a password may hold an @: everything up to the last one before the host is masked.
        redacts("ftp://arscope:***@ftp.example.com/export", "ftp://arscope:p@ss@ftp.example.com/export");
        redacts("input ftp://arscope:***@h/x and output sftp://b:***@h/y",
                "input ftp://arscope:one@h/x and output sftp://b:two@h/y");
        for (String kept : List.of("ftp://arscope@ftp.example.com/export", "hdfs://namenode:8020/ar/2026-10-31",
                "spark://CoarseGrainedScheduler@127.0.0.1:40123", "file:///tmp/a@b", "/tmp/out/2026-10-31")) {
            redacts(kept, kept);
        }
    }

    @Test
    void valuesOfKeysNamedLikeSecrets() {
        redacts("spark.hadoop.fs.s3a.secret.key=***", "spark.hadoop.fs.s3a.secret.key=wJalr/K7+MDENG==");
        redacts("fs.azure.account.key.acct.dfs.core.windows.net = ***",
                "fs.azure.account.key.acct.dfs.core.windows.net = c2VjcmV0");
        redacts("ingest:\n  password: ***\n  mapping: erp.yaml", "ingest:\n  password: S3cret\n  mapping: erp.yaml");
        redacts("{\"access_token\":\"***\",\"user\":\"u\"}", "{\"access_token\":\"abc\\\"def\",\"user\":\"u\"}");
        redacts("{'api-key': '***'}", "{'api-key': 'k-123'}");
        redacts("Options[apiKey=***, user=u]", "Options[apiKey=abc123, user=u]");
        redacts("--password=*** --output out", "--password=S3cret --output out");
        redacts("?X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Date=20261031",
                "?X-Amz-Credential=AKIA/20261031&X-Amz-Security-Token=FQoG&X-Amz-Date=20261031");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        for (String kept : List.of(
                "arscope ingest: the JDBC URL carries a password; remove it and set ARSCOPE_JDBC_PASSWORD in the "
                        + "environment instead",
                "jdbc:postgresql://db:5432/erp?user=arscope&ssl=true", "database_user: arscope_reader",
                "--jdbc-url=<jdbcUrl>", "2026-10-31 ingest       12.3 s  5,030 rows  ingest: 5030 read")) {
            redacts(kept, kept);
        }
        assertNull(NONE.redact(null));
    }

    @Test
    void valuesOfSecretVariablesAreMaskedWhereverTheyAppear() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ARSCOPE_JDBC_PASSWORD", "pg-Xy7-secret");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI");
        env.put("HOME", "/home/arscope");
        env.put("API_TOKEN", "abc");
        assertEquals("failed for *** and *** in /home/arscope (abc)", Secrets.of(env)
                .redact("failed for pg-Xy7-secret and wJalrXUtnFEMI in /home/arscope (abc)"));
    }

    @Test
    void valuesOfOptionsNamedLikeSecretsAreMasked() {
        Secrets secrets = NONE.withArguments("ingest", "--password", "hunter2", "--api-key=k-1", "--token",
                "--output", "out");
        assertEquals("Unknown options: '--password', '***', '--api-key=***', '--token'",
                secrets.redact("Unknown options: '--password', 'hunter2', '--api-key=k-1', '--token'"));
        assertEquals("--output out", secrets.redact("--output out"));
    }

    @Test
    void credentialsInAJdbcUrlAreRecognised() {
        for (String url : List.of("jdbc:postgresql://db/erp?user=a&password=s", "jdbc:mysql://a:s@db/erp",
                "jdbc:oracle:thin:a/s@db:1521:ERP", "jdbc:sqlserver://db;user=a;password=s",
                "jdbc:postgresql://db/erp?sslpassword=s", "jdbc:databricks://h;UID=token;PWD=s")) {
            assertTrue(Secrets.carriesCredentials(url), url);
        }
        for (String url : List.of("jdbc:postgresql://db:5432/erp", "jdbc:mysql://arscope@db/erp",
                "jdbc:sqlserver://db:1433;user=a@b;databaseName=erp")) {
            assertFalse(Secrets.carriesCredentials(url), url);
        }
    }

    @Test
    void aWriterRedactsWholeLinesWrittenInPieces() {
        StringWriter target = new StringWriter();
        PrintWriter out = NONE.redacting(target);
        out.print("reading jdbc:mysql://u:S3");
        out.print("cret@db/erp");
        out.println();
        out.printf("token=%s%n", "abc123");
        assertEquals("reading jdbc:mysql://u:***@db/erp\ntoken=***\n", target.toString());
        out.print("password=tail");
        out.flush();
        assertEquals("reading jdbc:mysql://u:***@db/erp\ntoken=***\npassword=***", target.toString());
    }

    /** A manifest's record, with a URL among its values. */
    record Inputs(String input, List<String> files, String jdbcUrl) {
    }

    @Test
    void jsonWrittenThroughTheModuleHoldsNoSecret() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(Secrets.json());
        assertEquals("{\"input\":\"ftp://u:***@h/export\",\"files\":[\"a.csv\",\"s3a://k:***@b/c.csv\"],"
                + "\"jdbcUrl\":\"jdbc:postgresql://db/erp?password=***\"}",
                json.writeValueAsString(new Inputs("ftp://u:p1@h/export", List.of("a.csv", "s3a://k:p2@b/c.csv"),
                        "jdbc:postgresql://db/erp?password=p3")));
    }

    @Test
    void theLogLayoutRedactsMessagesAndStackTraces() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Layout<? extends Serializable> layout = context.getConfiguration().getAppender("console").getLayout();
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("org.apache.spark.sql.FileStreamSink")
                .setLevel(Level.WARN).setMessage(new SimpleMessage("listing ftp://u:LogSecret1@h/x"))
                .setThrown(new IllegalStateException("cannot read jdbc:mysql://db/erp?password=LogSecret2")).build();
        String line = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(line.contains(" WARN  FileStreamSink: listing ftp://u:***@h/x\n"
                + "java.lang.IllegalStateException: cannot read jdbc:mysql://db/erp?password=***\n"), line);
        assertFalse(line.contains("LogSecret"), line);
        assertEquals(1, line.split("IllegalStateException", -1).length - 1, "the stack trace is printed once: " + line);
    }
}
