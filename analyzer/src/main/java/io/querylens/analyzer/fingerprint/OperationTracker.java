package io.querylens.analyzer.fingerprint;

import java.util.Locale;

/**
 * Finds the operation of the first statement: its first keyword, or for {@code WITH} the keyword
 * of the main statement after the common table expressions. One instance per call; not
 * thread-safe.
 */
final class OperationTracker {

  static final String UNKNOWN = "UNKNOWN";

  // Longer first words are not commands; keeping them would only copy garbage around.
  private static final int MAX_OPERATION_LENGTH = 32;

  private static final int FIRST_WORD = 0;
  private static final int AFTER_WITH = 1;
  private static final int DONE = 2;

  private int state = FIRST_WORD;
  private int withDepth;
  private String operation = UNKNOWN;

  /** A word at parenthesis depth {@code depth}, with its keyword id or {@link Keywords#NONE}. */
  void word(int id, String sql, int start, int end, int depth) {
    if (state == FIRST_WORD) {
      if (id == Keywords.WITH) {
        state = AFTER_WITH;
        withDepth = depth;
        return;
      }
      state = DONE;
      if (id >= 0) {
        operation = Keywords.upper(id);
      } else if (end - start <= MAX_OPERATION_LENGTH) {
        operation = sql.substring(start, end).toUpperCase(Locale.ROOT);
      }
    } else if (state == AFTER_WITH && depth == withDepth && isMainStatement(id)) {
      operation = Keywords.upper(id);
      state = DONE;
    }
  }

  /**
   * A token other than a word. Brackets, braces, placeholders and operators may precede the
   * first keyword: {@code (select ...) union ...}, {@code {call p}}, {@code {? = call f}}.
   */
  void other(boolean mayPrecedeKeyword) {
    if (state == FIRST_WORD && !mayPrecedeKeyword) {
      state = DONE;
    }
  }

  void endStatement() {
    if (state == AFTER_WITH) {
      operation = "SELECT"; // a WITH whose main statement we could not find reads data
    }
    state = DONE;
  }

  String operation() {
    return operation;
  }

  private static boolean isMainStatement(int id) {
    switch (id) {
      case Keywords.SELECT:
      case Keywords.INSERT:
      case Keywords.UPDATE:
      case Keywords.DELETE:
      case Keywords.MERGE:
      case Keywords.UPSERT:
      case Keywords.REPLACE:
      case Keywords.VALUES:
      case Keywords.TABLE:
        return true;
      default:
        return false;
    }
  }
}
