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
    try {
      return SqlNormalizer.normalize(sql);
    } catch (RuntimeException e) {
      // This runs on the application's thread inside JDBC calls; a lexer bug must cost a
      // fingerprint, not the application's query. The input is not echoed: it may hold secrets.
      return NormalizedSql.EMPTY;
    }
  }
}
