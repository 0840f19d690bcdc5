package io.querylens.analyzer.fingerprint;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What is known about the shape of one statement: its kind, the tables it touches and its lock
 * clause.
 *
 * <p>Built by {@link StatementEnricher} from JSqlParser's syntax tree when parsing succeeded, or
 * from the lexer's {@link NormalizedSql} alone when it did not. Immutable and therefore
 * thread-safe.
 *
 * @param operation the statement kind in upper case ({@code SELECT}, {@code INSERT}, {@code
 *     UPDATE}, {@code DELETE}, {@code MERGE}, ... or {@code UNKNOWN}); never {@code null}
 * @param tables the tables the statement reads or writes: sorted, without duplicates,
 *     schema-qualified as written, unquoted names in lower case and quoted ones exactly as written
 *     (quotes included); common table expressions are not tables. Empty when {@code parsed} is
 *     {@code false}. The constructor copies, de-duplicates and sorts what it is given; the accessor
 *     returns an unmodifiable list
 * @param lockClause the row-locking clause in the lexer's vocabulary ({@code FOR UPDATE}, {@code
 *     FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE}, {@code LOCK IN SHARE MODE}), or
 *     {@code null} when the statement takes no explicit row locks
 * @param parsed {@code true} if JSqlParser parsed the statement, {@code false} if it failed, timed
 *     out or was skipped because the statement was too long
 * @since 0.1
 */
public record StatementInfo(
    String operation, List<String> tables, String lockClause, boolean parsed) {

  /** Validates and normalizes the components (see the class documentation). */
  public StatementInfo {
    Objects.requireNonNull(operation, "operation");
    tables = List.copyOf(new TreeSet<>(tables));
  }

  /**
   * Describes a statement from the lexer's view alone, for when JSqlParser failed, timed out or was
   * skipped.
   *
   * @param lexed the lexer's normalized form of the statement
   * @return a description with {@code parsed() == false}, no tables, and the lexer's operation and
   *     lock clause
   */
  public static StatementInfo lexerOnly(NormalizedSql lexed) {
    return new StatementInfo(lexed.operation(), List.of(), lexed.lockClause(), false);
  }
}
