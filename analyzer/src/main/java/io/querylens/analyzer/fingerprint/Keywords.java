package io.querylens.analyzer.fingerprint;

import java.util.Locale;

/**
 * The few SQL words the normalizer has to recognize, looked up without allocating.
 *
 * <p>Only words that change the output are here: those that name the operation, make up a lock
 * clause, keep {@code NULL} a keyword ({@code IS NOT NULL}), or are "reserved", meaning a
 * following {@code (} is a subquery or list rather than a function call, a following {@code -} is
 * a sign, and a following {@code [} opens a SQL Server bracket identifier. Everything else is an
 * identifier. Immutable and thread-safe.
 */
final class Keywords {

  static final int NONE = -1;

  static final int SELECT = 0;
  static final int INSERT = 1;
  static final int UPDATE = 2;
  static final int DELETE = 3;
  static final int MERGE = 4;
  static final int UPSERT = 5;
  static final int REPLACE = 6;
  static final int VALUES = 7;
  static final int TABLE = 8;
  static final int WITH = 9;
  static final int IS = 10;
  static final int NOT = 11;
  static final int NULL = 12;
  static final int TRUE = 13;
  static final int FALSE = 14;
  static final int FOR = 15;
  static final int NO = 16;
  static final int KEY = 17;
  static final int SHARE = 18;
  static final int LOCK = 19;
  static final int IN = 20;
  static final int MODE = 21;

  // The order of the first entries must match the constants above.
  private static final String[] WORDS = {
    "select", "insert", "update", "delete", "merge", "upsert", "replace", "values", "table", "with",
    "is", "not", "null", "true", "false", "for", "no", "key", "share", "lock", "in", "mode",
    // reserved only
    "from", "where", "and", "or", "exists", "on", "as", "join", "using", "when", "then", "else",
    "case", "any", "all", "some", "between", "like", "ilike", "by", "union", "intersect", "except",
    "minus", "set", "having", "returning", "limit", "offset", "into", "distinct", "over", "lateral",
    "return", "escape", "similar", "to", "do", "default", "top", "group", "filter", "materialized",
    "recursive", "within", "interval"
  };

  private static final String[] RESERVED = {
    "select", "insert", "update", "delete", "values", "with", "is", "not", "in",
    "from", "where", "and", "or", "exists", "on", "as", "join", "using", "when", "then", "else",
    "case", "any", "all", "some", "between", "like", "ilike", "by", "union", "intersect", "except",
    "minus", "set", "having", "returning", "limit", "offset", "into", "distinct", "over", "lateral",
    "return", "escape", "similar", "to", "do", "default", "top", "group", "filter", "materialized",
    "recursive", "within", "interval"
  };

  private static final int MAX_LENGTH = 12;
  private static final int MASK = 255;
  private static final int[] SLOTS = new int[MASK + 1];
  private static final boolean[] IS_RESERVED = new boolean[WORDS.length];
  private static final String[] UPPER = new String[WORDS.length];

  static {
    java.util.Arrays.fill(SLOTS, NONE);
    for (int id = 0; id < WORDS.length; id++) {
      String word = WORDS[id];
      UPPER[id] = word.toUpperCase(Locale.ROOT);
      int slot = hash(word, 0, word.length()) & MASK;
      while (SLOTS[slot] != NONE) {
        slot = (slot + 1) & MASK;
      }
      SLOTS[slot] = id;
    }
    for (String word : RESERVED) {
      IS_RESERVED[lookup(word, 0, word.length())] = true;
    }
  }

  private Keywords() {}

  /** Returns the id of {@code sql[start, end)} compared case-insensitively, or {@link #NONE}. */
  static int lookup(String sql, int start, int end) {
    int length = end - start;
    if (length < 2 || length > MAX_LENGTH) {
      return NONE;
    }
    int h = hash(sql, start, end);
    if (h == NONE) {
      return NONE;
    }
    for (int slot = h & MASK; ; slot = (slot + 1) & MASK) {
      int id = SLOTS[slot];
      if (id == NONE || matches(WORDS[id], sql, start, length)) {
        return id;
      }
    }
  }

  static boolean isReserved(int id) {
    return id >= 0 && IS_RESERVED[id];
  }

  /** Returns the upper-case spelling of a keyword id. */
  static String upper(int id) {
    return UPPER[id];
  }

  /** Returns a hash of the ASCII-lowercased letters, or NONE when a character is not a letter. */
  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      int c = lowerAscii(s.charAt(i));
      if (c < 'a' || c > 'z') {
        return NONE;
      }
      h = 31 * h + c;
    }
    h ^= h >>> 7;
    return (h ^ (h >>> 13)) & Integer.MAX_VALUE;
  }

  private static boolean matches(String word, String sql, int start, int length) {
    if (word.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (word.charAt(i) != lowerAscii(sql.charAt(start + i))) {
        return false;
      }
    }
    return true;
  }

  // Character.toLowerCase would map non-ASCII letters (e.g. the Kelvin sign) onto keywords.
  private static int lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
