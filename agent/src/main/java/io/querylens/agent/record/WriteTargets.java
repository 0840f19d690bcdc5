package io.querylens.agent.record;

import java.util.List;
import java.util.Locale;

/**
 * Infers lock conflicts where the database cannot be asked: a statement waiting on a table that an
 * open transaction of this JVM has written ({@code insert into t}, {@code update t}, {@code delete
 * from t}, {@code merge into t}) probably waits for that transaction. Reads normalized text only.
 */
final class WriteTargets {
  private WriteTargets() {}

  /** The table a normalized write statement changes, lower case, or null when it is no write. */
  static String tableWritten(String normalized) {
    String text = normalized.trim().toLowerCase(Locale.ROOT);
    String rest = text.startsWith("update ") ? text.substring(7)
        : text.startsWith("insert into ") ? text.substring(12)
        : text.startsWith("delete from ") ? text.substring(12)
        : text.startsWith("merge into ") ? text.substring(11)
        : null;
    if (rest == null) {
      return null;
    }
    int end = 0;
    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || "_.$\"`".indexOf(rest.charAt(end)) >= 0)) {
      end++;
    }
    String table = rest.substring(0, end).replace("\"", "").replace("`", "");
    return table.isEmpty() ? null : table;
  }

  /** Whether {@code waiting} (normalized) names a table one of {@code written} (normalized writes) changed. */
  static boolean conflict(String waiting, List<String> written) {
    String text = " " + waiting.toLowerCase(Locale.ROOT).replace('"', ' ').replace('`', ' ') + " ";
    for (String statement : written) {
      String table = tableWritten(statement);
      if (table != null && (text.contains(" " + table + " ") || text.contains(" " + table + "(")
          || text.contains(" " + table + ",") || text.contains("." + table + " "))) {
        return true;
      }
    }
    return false;
  }
}
