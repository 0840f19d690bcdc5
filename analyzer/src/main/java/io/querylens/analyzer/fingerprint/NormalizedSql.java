package io.querylens.analyzer.fingerprint;

import java.util.List;
import java.util.Map;

/**
 * The literal-free, canonical form of one JDBC SQL string, with its fingerprint and what the
 * lexer learned about it.
 *
 * <p>Instances come from {@link Fingerprinter#normalize(String)}. Two instances are equal when
 * their {@link #text()} is equal. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NormalizedSql {

  static final NormalizedSql EMPTY =
      new NormalizedSql("", List.of(), OperationTracker.UNKNOWN, null, Map.of());

  private final String text;
  private final List<String> statements;
  private final String fingerprint;
  private final String operation;
  private final String lockClause;
  private final Map<String, String> attributes;

  /** Takes ownership of already-unmodifiable {@code statements} and {@code attributes}. */
  NormalizedSql(
      String text,
      List<String> statements,
      String operation,
      String lockClause,
      Map<String, String> attributes) {
    this.text = text;
    this.statements = statements;
    this.fingerprint = Fnv1a64.hex(Fnv1a64.hashUtf8(text));
    this.operation = operation;
    this.lockClause = lockClause;
    this.attributes = attributes;
  }

  /**
   * Returns the normalized text: comments removed, literals and bind markers replaced by
   * {@code ?}, placeholder lists collapsed to {@code (?+)}, unquoted words in lower case,
   * whitespace canonical; several statements are joined with {@code "; "}. Empty for an empty
   * input. Never contains a literal from the input.
   */
  public String text() {
    return text;
  }

  /**
   * Returns the normalized text of each non-empty top-level statement, in order; unmodifiable,
   * empty when the input held no statement.
   */
  public List<String> statements() {
    return statements;
  }

  /**
   * Returns the fingerprint: the 64-bit FNV-1a hash of the UTF-8 bytes of {@link #text()}, as 16
   * lowercase hex digits. Stable across JVMs, runs and versions as long as the normalization
   * rules do not change.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the first keyword of the first statement in upper case ({@code SELECT},
   * {@code INSERT}, {@code CALL} for a JDBC {@code {call ...}} escape, ...); for {@code WITH}, the
   * keyword of the main statement after the common table expressions, or {@code SELECT} if none
   * is found; {@code "UNKNOWN"} when the statement does not start with a word. Never null.
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the first row-locking clause found in any statement, one of {@code "FOR UPDATE"},
   * {@code "FOR NO KEY UPDATE"}, {@code "FOR SHARE"}, {@code "FOR KEY SHARE"} and
   * {@code "LOCK IN SHARE MODE"}, or {@code null} when there is none.
   */
  public String lockClause() {
    return lockClause;
  }

  /**
   * Returns the sqlcommenter {@code key='value'} pairs found in block comments, URL-decoded, in
   * order of appearance (a repeated key keeps its last value); unmodifiable, empty when none.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** Equal when the normalized texts are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof NormalizedSql && ((NormalizedSql) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }
}
