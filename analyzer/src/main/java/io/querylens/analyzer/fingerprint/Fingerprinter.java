package io.querylens.analyzer.fingerprint;

/**
 * Normalizes SQL strings into literal-free text and a stable fingerprint, so that executions of
 * the same statement with different values are counted together.
 *
 * <p>A single-pass, hand-written lexer (no regular expressions, no parser, no recursion) runs in
 * time linear in the input. Besides stripping literals it keeps a few facts that are cheap to see
 * in the token stream: the operation, a row-locking clause and sqlcommenter attributes. Stateless
 * and thread-safe.
 *
 * @since 0.1
 */
public final class Fingerprinter {

  private Fingerprinter() {}

  /**
   * Normalizes one JDBC SQL string.
   *
   * <p>Never throws: a {@code null} or empty input, or one holding only comments, gives an empty
   * {@link NormalizedSql} whose operation is {@code "UNKNOWN"}; unterminated strings and comments
   * run to the end of the input. Runs in linear time without recursion, so multi-megabyte
   * statements are fine.
   *
   * @param sql the SQL as passed to JDBC, or {@code null}
   * @return the normalized form, never {@code null}
   */
  public static NormalizedSql normalize(String sql) {
    return normalize(sql, null);
  }

  /**
   * Normalizes one JDBC SQL string sent to a known database.
   *
   * <p>For MySQL and MariaDB ({@code dbSystem} {@code mysql} or {@code mariadb}) the SQL is read
   * with their default quoting: {@code "..."} is a string, so its value is replaced like any other
   * literal. Without the database, {@code "..."} is a quoted identifier, as in standard SQL, unless
   * the statement shows MySQL-style backslash escapes: a MySQL string in double quotes in a
   * statement without them would stay in the output, which is why the agent passes the database it
   * knows from the connection. Under MySQL's {@code ANSI_QUOTES} mode identifiers in double quotes
   * then read as literals too: the fingerprint loses their names, never a value.
   *
   * @param sql the SQL as passed to JDBC, or {@code null}
   * @param dbSystem the database system, as OpenTelemetry's {@code db.system.name}, or {@code null}
   * @return the normalized form, never {@code null}
   * @since 0.1
   */
  public static NormalizedSql normalize(String sql, String dbSystem) {
    try {
      return SqlNormalizer.normalize(sql, "mysql".equals(dbSystem) || "mariadb".equals(dbSystem));
    } catch (RuntimeException e) {
      // This runs on the application's thread inside JDBC calls; a lexer bug must cost a
      // fingerprint, not the application's query. The input is not echoed: it may hold secrets.
      return NormalizedSql.EMPTY;
    }
  }
}
