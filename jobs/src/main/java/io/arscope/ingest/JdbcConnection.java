package io.arscope.ingest;

import java.util.Map;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

import io.arscope.ingest.mapping.DatabaseSpec;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.run.Secrets;

/**
 * The database a mapping's tables and queries are read from, and as whom. The password is taken only from the
 * environment ({@value #PASSWORD_ENV}) and handed to the JDBC driver; no message, manifest or {@link #toString}
 * shows it, and a URL that carries one (or any credential {@link Secrets} knows) is refused: credentials come from
 * the environment only.
 */
public final class JdbcConnection {

    public static final String PASSWORD_ENV = "ARSCOPE_JDBC_PASSWORD";
    public static final String USER_ENV = "ARSCOPE_JDBC_USER";
    /** Why a URL carrying a credential is refused; the URL itself is not repeated, since it holds the secret. */
    private static final String CARRIES_PASSWORD = "the JDBC URL carries a password; remove it and set " + PASSWORD_ENV
            + " in the environment instead";

    private final String url;
    private final String user;
    private final String password;

    private JdbcConnection(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * @param mapped  the mapping's {@code database} section, or null
     * @param url     a URL that replaces the mapping's (the command line's), or null
     * @param user    a user that replaces the environment's and the mapping's, or null
     * @param env     the process environment
     */
    public static JdbcConnection resolve(DatabaseSpec mapped, String url, String user, Map<String, String> env)
            throws MappingException {
        String chosenUrl = url != null ? url : mapped == null ? null : mapped.url();
        if (chosenUrl == null || chosenUrl.isBlank()) {
            throw new MappingException("the mapping reads database tables but names no database: give "
                    + "'database: {url: jdbc:postgresql://host:5432/name}' in the mapping or --jdbc-url");
        }
        if (Secrets.carriesCredentials(chosenUrl)) {
            throw new MappingException(CARRIES_PASSWORD);
        }
        String chosenUser = user != null ? user : env.get(USER_ENV) != null ? env.get(USER_ENV)
                : mapped == null ? null : mapped.user();
        return new JdbcConnection(chosenUrl, chosenUser, env.get(PASSWORD_ENV));
    }

    /**
     * Refuses a JDBC URL given on the command line or in a config file that carries a password, whether or not the
     * mapping reads a database: a secret on a command line is in the shell's history and the process list either
     * way.
     *
     * @param url the URL, or null
     */
    public static void refuseCredentials(String url) {
        if (url != null && Secrets.carriesCredentials(url)) {
            throw new IllegalArgumentException(CARRIES_PASSWORD);
        }
    }

    public String url() {
        return url;
    }

    /** The user, or null to let the driver choose (the URL's or the operating system user's). */
    public String user() {
        return user;
    }

    /** A JDBC reader on this database with the credentials set. */
    DataFrameReader reader(SparkSession spark) {
        DataFrameReader reader = spark.read().format("jdbc").option("url", url);
        if (user != null) {
            reader.option("user", user);
        }
        if (password != null) {
            reader.option("password", password);
        }
        return reader;
    }

    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }
}
