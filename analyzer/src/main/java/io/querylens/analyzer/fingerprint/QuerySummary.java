package io.querylens.analyzer.fingerprint;

import java.util.Locale;

/**
 * A statement's low-cardinality summary: its operation and main table, such as {@code SELECT
 * orders} or {@code INSERT order_lines}, in the spirit of OpenTelemetry's {@code db.query.summary}.
 *
 * <p>Read from the normalized text alone, so it is known from a statement's first execution (the
 * parser's richer description arrives later, on another thread) and never holds a literal. The
 * main table is the one after the outermost {@code FROM} of a query, {@code INTO} of an insert or
 * merge, and {@code UPDATE} of an update; a statement without one (or reading from a subquery) is
 * summarized by its operation alone.
 *
 * @since 0.1
 */
public final class QuerySummary {
  /** Longest table name kept; a longer one is cut, so a label stays a label. */
  static final int MAX_TABLE_CHARS = 64;

  private QuerySummary() {}

  /** The summary of {@code sql}, such as {@code SELECT orders}; never null or empty. */
  public static String of(NormalizedSql sql) {
    String operation = sql.operation();
    String text = sql.statements().isEmpty() ? sql.text() : sql.statements().get(0);
    String table = mainTable(text, operation);
    return table == null ? operation : operation + " " + table;
  }

  /** The main table of one normalized statement, or null when it has none we can name. */
  static String mainTable(String text, String operation) {
    switch (operation) {
      case "SELECT":
      case "DELETE":
        return tableAfter(text, "from");
      case "INSERT":
      case "REPLACE":
      case "MERGE":
        return tableAfter(text, "into");
      case "UPDATE":
        return tableAfter(text, "update");
      default:
        return null;
    }
  }

  /** The name after the first {@code keyword} outside parentheses; null if none or a subquery follows. */
  private static String tableAfter(String text, String keyword) {
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
        i++;
      } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
        i = skipQuoted(text, i);
      } else if (isWordChar(c)) {
        int end = wordEnd(text, i);
        if (depth == 0 && end - i == keyword.length() && text.regionMatches(true, i, keyword, 0, keyword.length())) {
          return nameAt(text, skipModifiers(text, end));
        }
        i = end;
      } else {
        i++;
      }
    }
    return null;
  }

  /** Skips words that may sit between the keyword and the table: {@code ONLY}, {@code IGNORE}, ... */
  private static int skipModifiers(String text, int from) {
    int i = skipSpaces(text, from);
    while (i < text.length() && isWordChar(text.charAt(i))) {
      int end = wordEnd(text, i);
      String word = text.substring(i, end).toLowerCase(Locale.ROOT);
      if (!word.equals("only") && !word.equals("ignore") && !word.equals("low_priority")
          && !word.equals("into") && !word.equals("top")) {
        return i;
      }
      i = skipSpaces(text, end);
    }
    return i;
  }

  /** A possibly qualified and quoted name starting at {@code from}, unquoted and in lower case. */
  private static String nameAt(String text, int from) {
    StringBuilder name = new StringBuilder();
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '`' || c == '[') {
        int end = skipQuoted(text, i);
        name.append(text, i + 1, Math.max(i + 1, end - 1));
        i = end;
      } else if (isWordChar(c)) {
        int end = wordEnd(text, i);
        name.append(text, i, end);
        i = end;
      } else if (c == '.' && name.length() > 0) {
        name.append('.');
        i++;
      } else {
        break;
      }
    }
    if (name.length() == 0) {
      return null;
    }
    String table = name.toString().toLowerCase(Locale.ROOT);
    return table.length() > MAX_TABLE_CHARS ? table.substring(0, MAX_TABLE_CHARS) : table;
  }

  private static int skipQuoted(String text, int start) {
    char close = text.charAt(start) == '[' ? ']' : text.charAt(start);
    int end = text.indexOf(close, start + 1);
    return end < 0 ? text.length() : end + 1;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isWordChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#' || c == '@';
  }
}
