package io.querylens.analyzer.fingerprint;

import java.util.Locale;

/**
 * What the detectors need to know about a statement's form, read once per raw SQL string: whether
 * it reads or writes, fetches many keys at once, pages, or draws a sequence value.
 *
 * <p>The raw SQL is scanned here because the fingerprint deliberately hides what matters: {@code in
 * (?)} and {@code in (?, ?, ?)} share a fingerprint, yet only the second is a batched fetch. The
 * scan is linear, skips quoted text and comments, and never keeps the SQL. Immutable.
 *
 * @since 0.1
 */
public final class StatementShape {
  /** The shape of SQL that could not be read. */
  public static final StatementShape UNKNOWN =
      new StatementShape(false, false, false, false, false, false, false, false);

  private final boolean select;
  private final boolean write;
  private final boolean mayWrite;
  private final boolean multiKey;
  private final boolean multiRow;
  private final boolean paging;
  private final boolean sequenceFetch;
  private final boolean readsTable;

  private StatementShape(boolean select, boolean write, boolean mayWrite, boolean multiKey, boolean multiRow,
      boolean paging, boolean sequenceFetch, boolean readsTable) {
    this.select = select;
    this.write = write;
    this.mayWrite = mayWrite;
    this.multiKey = multiKey;
    this.multiRow = multiRow;
    this.paging = paging;
    this.sequenceFetch = sequenceFetch;
    this.readsTable = readsTable;
  }

  /** Reads the shape of {@code rawSql}, whose normalized form is {@code normalized}. */
  public static StatementShape of(String rawSql, NormalizedSql normalized) {
    String operation = normalized.operation();
    String text = normalized.text();
    // A WITH takes its main statement's operation; a CTE that writes makes the whole a write.
    boolean cteWrites = text.startsWith("with ") && writesInside(text);
    boolean select = ("SELECT".equals(operation) || "WITH".equals(operation)) && !cteWrites;
    boolean write = isWrite(operation) || cteWrites;
    boolean mayWrite = write || isCall(operation);
    boolean sequence = text.contains("nextval(") || text.contains("nextval (") || text.contains(".nextval")
        || text.contains("currval(") || text.contains("currval (") || text.contains(".currval")
        || text.contains("next value for ");
    RawScan scan = new RawScan(rawSql);
    scan.run();
    return new StatementShape(select, write, mayWrite, scan.multiKey(), scan.multiRow, select && isPaging(text),
        sequence, select && !sequence && text.contains(" from "));
  }

  /** A query: {@code SELECT}, or {@code WITH} that does not write. */
  public boolean select() {
    return select;
  }

  /** {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE}. */
  public boolean write() {
    return write;
  }

  /**
   * May change data: a write, or a stored-procedure call ({@code CALL}, {@code EXEC}), which may
   * write; a query repeated across one is not redundant.
   */
  public boolean mayWrite() {
    return mayWrite;
  }

  /**
   * Fetches several keys at once: an {@code IN} list of two or more bind markers (or rows of them,
   * as for composite keys), as Hibernate's batch fetching and hand-written chunked lookups produce;
   * in SQL without bind markers, an {@code IN} list of two or more numbers. A list of numbers next to
   * bind markers is a constant filter ({@code status in (1, 2)}), not keys.
   */
  public boolean multiKey() {
    return multiKey;
  }

  /** Writes several rows in one statement: a {@code VALUES} list of two or more rows. */
  public boolean multiRow() {
    return multiRow;
  }

  /**
   * Reads one page of a larger result: an {@code OFFSET}, or a row limit ({@code LIMIT}, {@code
   * FETCH FIRST/NEXT}, {@code TOP}) after an {@code ORDER BY} with a range comparison (keyset paging).
   */
  public boolean paging() {
    return paging;
  }

  /** Draws a sequence value ({@code nextval}, {@code NEXT VALUE FOR}): repeating it is the point. */
  public boolean sequenceFetch() {
    return sequenceFetch;
  }

  /** A query that reads a table (has a {@code FROM}) and is not a sequence fetch. */
  public boolean readsTable() {
    return readsTable;
  }

  private static boolean isWrite(String operation) {
    return "INSERT".equals(operation) || "UPDATE".equals(operation) || "DELETE".equals(operation)
        || "MERGE".equals(operation) || "UPSERT".equals(operation) || "REPLACE".equals(operation);
  }

  private static boolean isCall(String operation) {
    return "CALL".equals(operation) || "EXEC".equals(operation) || "EXECUTE".equals(operation)
        || "DO".equals(operation);
  }

  private static boolean writesInside(String text) {
    return text.contains("delete from ") || text.contains("insert into ") || text.contains("(update ")
        || text.contains(" update ") && text.contains(" set ") || text.contains("merge into ");
  }

  private static boolean isPaging(String text) {
    if (text.contains(" offset ") || text.contains(" limit ?, ?")) {
      return true; // LIMIT offset, count is MySQL's and MariaDB's OFFSET
    }
    boolean limited = text.contains(" limit ") || text.contains(" fetch first ") || text.contains(" fetch next ")
        || text.startsWith("select top ");
    int orderBy = text.lastIndexOf(" order by ");
    if (!limited || orderBy < 0) {
      return false;
    }
    String filter = text.substring(0, orderBy);
    return filter.contains(" > ?") || filter.contains(" < ?") || filter.contains(" >= ?") || filter.contains(" <= ?")
        || filter.contains("? < ") || filter.contains("? > ") || filter.contains("? <= ") || filter.contains("? >= ")
        || filter.contains(") > (") || filter.contains(") < (");
  }

  /** One pass over the raw SQL, outside quotes and comments. */
  private static final class RawScan {
    private static final int NEITHER = 0;
    private static final int BIND_MARKERS = 1;
    private static final int NUMBERS = 2;

    private final String sql;
    private final int length;
    private int pos;
    private boolean bindMarkerList;
    private boolean numberList;
    private boolean anyBindMarker;
    boolean multiRow;

    RawScan(String sql) {
      this.sql = sql;
      this.length = sql.length();
    }

    void run() {
      int lastWordEnd = -1;
      String lastWord = "";
      while (pos < length) {
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"' || c == '`') {
          skipQuoted(c);
        } else if (c == '-' && pos + 1 < length && sql.charAt(pos + 1) == '-') {
          skipTo('\n');
        } else if (c == '/' && pos + 1 < length && sql.charAt(pos + 1) == '*') {
          int end = sql.indexOf("*/", pos + 2);
          pos = end < 0 ? length : end + 2;
        } else if (Character.isLetter(c) || c == '_') {
          int start = pos;
          while (pos < length && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            pos++;
          }
          lastWord = sql.substring(start, pos).toLowerCase(Locale.ROOT);
          lastWordEnd = pos;
        } else if (c == '(') {
          boolean afterKeyword = lastWordEnd >= 0 && onlySpaceBetween(lastWordEnd, pos);
          if (afterKeyword && "in".equals(lastWord)) {
            int kind = listOfTwoOrMoreKeys(pos + 1);
            bindMarkerList |= kind == BIND_MARKERS;
            numberList |= kind == NUMBERS;
          } else if (afterKeyword && "values".equals(lastWord)) {
            multiRow |= twoOrMoreRows(pos);
          }
          lastWord = "";
          pos++;
        } else {
          if (c == '?') {
            anyBindMarker = true;
          }
          if (!Character.isWhitespace(c)) {
            lastWord = "";
            lastWordEnd = -1;
          }
          pos++;
        }
      }
    }

    boolean multiKey() {
      return bindMarkerList || numberList && !anyBindMarker;
    }

    private boolean onlySpaceBetween(int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Character.isWhitespace(sql.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /**
     * What the list up to the closing parenthesis holds: two or more bind markers (or rows of
     * them), two or more numbers, or neither.
     */
    private int listOfTwoOrMoreKeys(int from) {
      int markers = 0;
      int numbers = 0;
      int i = from;
      while (i < length) {
        char c = sql.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        int itemEnd;
        if (c == '?') {
          markers++;
          itemEnd = i + 1;
        } else if (c == '(') {
          itemEnd = rowOfMarkers(i);
          if (itemEnd < 0) {
            return NEITHER;
          }
          markers++;
        } else if (Character.isDigit(c) || c == '-') {
          numbers++;
          itemEnd = i + 1;
          while (itemEnd < length && (Character.isDigit(sql.charAt(itemEnd)) || sql.charAt(itemEnd) == '.')) {
            itemEnd++;
          }
        } else {
          return NEITHER;
        }
        if (!separator(itemEnd)) {
          return NEITHER;
        }
        i = nextItem(itemEnd);
        if (i < 0) {
          return markers >= 2 && numbers == 0 ? BIND_MARKERS : numbers >= 2 && markers == 0 ? NUMBERS : NEITHER;
        }
      }
      return NEITHER;
    }

    /** {@code (?, ?)}: the position after it, or -1 when it is not a row of bind markers. */
    private int rowOfMarkers(int open) {
      int i = open + 1;
      boolean marker = false;
      while (i < length) {
        char c = sql.charAt(i);
        if (c == ')') {
          return marker ? i + 1 : -1;
        }
        if (c == '?') {
          marker = true;
          anyBindMarker = true;
        } else if (c != ',' && !Character.isWhitespace(c)) {
          return -1;
        }
        i++;
      }
      return -1;
    }

    private boolean separator(int i) {
      while (i < length && Character.isWhitespace(sql.charAt(i))) {
        i++;
      }
      return i < length && (sql.charAt(i) == ',' || sql.charAt(i) == ')');
    }

    /** Past the comma to the next item, or -1 at the closing parenthesis. */
    private int nextItem(int i) {
      while (i < length && Character.isWhitespace(sql.charAt(i))) {
        i++;
      }
      return sql.charAt(i) == ')' ? -1 : i + 1;
    }

    /** {@code (…), (…)}: a second parenthesized row follows the first. */
    private boolean twoOrMoreRows(int open) {
      int depth = 0;
      int i = open;
      while (i < length) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
          int saved = pos;
          pos = i;
          skipQuoted(c);
          i = pos;
          pos = saved;
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          i++;
          while (i < length && Character.isWhitespace(sql.charAt(i))) {
            i++;
          }
          return i < length && sql.charAt(i) == ',';
        }
        i++;
      }
      return false;
    }

    private void skipQuoted(char quote) {
      pos++;
      while (pos < length) {
        char c = sql.charAt(pos++);
        if (c == quote) {
          if (pos < length && sql.charAt(pos) == quote) {
            pos++; // doubled quote inside the literal
          } else {
            return;
          }
        } else if (c == '\\' && quote == '\'' && pos < length) {
          pos++;
        }
      }
    }

    private void skipTo(char end) {
      int next = sql.indexOf(end, pos);
      pos = next < 0 ? length : next + 1;
    }
  }
}
