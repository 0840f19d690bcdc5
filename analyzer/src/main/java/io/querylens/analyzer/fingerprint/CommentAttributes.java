package io.querylens.analyzer.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads <a href="https://google.github.io/sqlcommenter/spec/">sqlcommenter</a> key/value pairs
 * from the body of a block comment: {@code key='value',key2='value2'}.
 *
 * <p>A comment is taken only if its whole body follows that grammar, so ordinary prose comments
 * never yield attributes. Keys and values are URL-decoded ({@code %XX} as UTF-8, {@code +} as a
 * space, since no sqlcommenter encoder writes a bare {@code +} for a plus sign); {@code \'} inside
 * a value is a quote, as the spec escapes it. Malformed escapes are kept as written: decoding never
 * throws. Stateless and thread-safe.
 */
final class CommentAttributes {

  private CommentAttributes() {}

  /**
   * Adds the pairs of {@code sql[from, to)} to {@code into} (created on first need; later values
   * replace earlier ones) when the body is a sqlcommenter comment.
   *
   * @return {@code into}, or a new map if {@code into} was {@code null} and pairs were found
   */
  static Map<String, String> parseInto(String sql, int from, int to, Map<String, String> into) {
    if (!scan(sql, from, to, null)) {
      return into;
    }
    Map<String, String> target = into == null ? new LinkedHashMap<>() : into;
    scan(sql, from, to, target);
    return target;
  }

  /** Validates the body when {@code target} is null, else extracts into it (body already valid). */
  private static boolean scan(String sql, int from, int to, Map<String, String> target) {
    int p = skipSpaces(sql, from, to);
    if (p >= to) {
      return false;
    }
    while (true) {
      int keyStart = p;
      while (p < to && isKeyChar(sql.charAt(p))) {
        p++;
      }
      int keyEnd = p;
      p = skipSpaces(sql, p, to);
      if (keyEnd == keyStart || p >= to || sql.charAt(p) != '=') {
        return false;
      }
      p = skipSpaces(sql, p + 1, to);
      if (p >= to || sql.charAt(p) != '\'') {
        return false;
      }
      int valueStart = ++p;
      while (p < to && sql.charAt(p) != '\'') {
        p += sql.charAt(p) == '\\' ? 2 : 1;
      }
      if (p >= to) {
        return false;
      }
      if (target != null) {
        target.put(decode(sql, keyStart, keyEnd), decode(sql, valueStart, p));
      }
      p = skipSpaces(sql, p + 1, to);
      if (p >= to) {
        return true;
      }
      if (sql.charAt(p) != ',') {
        return false;
      }
      p = skipSpaces(sql, p + 1, to);
    }
  }

  private static boolean isKeyChar(char c) {
    return c > ' ' && c != '=' && c != '\'' && c != ',' && c != '*' && c != '/';
  }

  private static int skipSpaces(String s, int p, int to) {
    while (p < to && s.charAt(p) <= ' ') {
      p++;
    }
    return p;
  }

  static String decode(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    byte[] bytes = null;
    int p = from;
    while (p < to) {
      char c = s.charAt(p);
      if (c == '%' && isEscape(s, p, to)) {
        // A run of %XX escapes is one UTF-8 byte sequence; decode it as a whole.
        if (bytes == null) {
          bytes = new byte[(to - p) / 3];
        }
        int count = 0;
        while (p < to && s.charAt(p) == '%' && isEscape(s, p, to)) {
          bytes[count++] = (byte) (hexValue(s.charAt(p + 1)) << 4 | hexValue(s.charAt(p + 2)));
          p += 3;
        }
        out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
        continue;
      }
      if (c == '\\' && p + 1 < to) {
        c = s.charAt(++p);
      } else if (c == '+') {
        c = ' ';
      }
      out.append(c);
      p++;
    }
    return out.toString();
  }

  private static boolean isEscape(String s, int p, int to) {
    return p + 2 < to && hexValue(s.charAt(p + 1)) >= 0 && hexValue(s.charAt(p + 2)) >= 0;
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
