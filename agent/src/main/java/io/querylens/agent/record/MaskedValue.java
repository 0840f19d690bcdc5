package io.querylens.agent.record;

import io.querylens.agent.config.ParameterMask;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Renders one bind value as {@code captureParameters=true} shows it, masked per {@link
 * ParameterMask}: {@code 'jo…' (string, 11 chars)}, {@code (int, 5 digits)}, {@code (bytes, 16
 * bytes)}.
 *
 * <p>Only the JDK's own value types are ever looked into ({@code String}, numbers, dates and times,
 * {@code byte[]}...); anything else (a stream, a LOB, an application object bound with {@code
 * setObject}) is shown by kind alone, even unmasked, so that no application code runs and nothing
 * of unknown size is copied. The result never refers to the value: the caller may drop the value
 * as soon as this returns.
 */
final class MaskedValue {
  /** The characters of a string {@link ParameterMask#PARTIAL} shows, from its start. */
  private static final int PARTIAL_PREFIX = 2;

  /** Strings shorter than this show no character at all: a 3-letter code would be half given away. */
  private static final int PARTIAL_MIN_LENGTH = 6;

  /** Characters of a string shown unmasked; beyond, a report could grow by megabytes per value. */
  private static final int MAX_CHARS = 200;

  /** Bytes of a {@code byte[]} shown unmasked, in hex. */
  private static final int MAX_BYTES = 32;

  private MaskedValue() {}

  static String of(Object value, ParameterMask mask) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String) {
      return string((String) value, mask);
    }
    if (value instanceof Number) {
      return number((Number) value, mask);
    }
    if (value instanceof byte[]) {
      return bytes((byte[]) value, mask);
    }
    String kind = kind(value);
    if (kind == null) {
      return "(" + other(value) + ")";
    }
    return mask == ParameterMask.NONE ? value.toString() + " (" + kind + ")" : "(" + kind + ")";
  }

  private static String string(String s, ParameterMask mask) {
    int length = s.length();
    if (mask == ParameterMask.NONE && length <= MAX_CHARS) {
      return quote(s);
    }
    String size = size("string", length, "char");
    if (mask == ParameterMask.NONE) {
      return quote(s.substring(0, MAX_CHARS)) + "… " + size;
    }
    if (mask == ParameterMask.TYPE || length < PARTIAL_MIN_LENGTH) {
      return size;
    }
    int end = s.offsetByCodePoints(0, PARTIAL_PREFIX);
    return "'" + s.substring(0, end).replace("'", "''") + "…' " + size;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String number(Number n, ParameterMask mask) {
    String kind = numberKind(n);
    if (kind.equals("number")) { // an application subclass: never call its toString()
      return "(number)";
    }
    String text = n instanceof BigDecimal ? ((BigDecimal) n).toPlainString() : n.toString();
    if (mask == ParameterMask.NONE) {
      return text;
    }
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        digits++;
      }
    }
    return size(kind, digits, "digit");
  }

  private static String numberKind(Number n) {
    if (n instanceof Integer) {
      return "int";
    } else if (n instanceof Long) {
      return "long";
    } else if (n instanceof Short) {
      return "short";
    } else if (n instanceof Byte) {
      return "byte";
    } else if (n instanceof Double) {
      return "double";
    } else if (n instanceof Float) {
      return "float";
    } else if (n instanceof BigDecimal && n.getClass() == BigDecimal.class) {
      return "decimal";
    } else if (n instanceof BigInteger && n.getClass() == BigInteger.class) {
      return "integer";
    }
    return "number";
  }

  private static String bytes(byte[] b, ParameterMask mask) {
    if (mask != ParameterMask.NONE) {
      return size("bytes", b.length, "byte");
    }
    StringBuilder hex = new StringBuilder(2 + 2 * Math.min(b.length, MAX_BYTES) + 24).append("0x");
    for (int i = 0; i < Math.min(b.length, MAX_BYTES); i++) {
      hex.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
    }
    return b.length <= MAX_BYTES ? hex.toString() : hex.append("… ").append(size("bytes", b.length, "byte")).toString();
  }

  /** {@code (string, 22 chars)}: what a masked value keeps of its value. */
  private static String size(String kind, int count, String unit) {
    return "(" + kind + ", " + count + " " + unit + (count == 1 ? ")" : "s)");
  }

  /**
   * The kind of a JDK value type whose {@code toString()} is the value (final classes, or the
   * JDBC date types), or null for anything else.
   */
  private static String kind(Object value) {
    Class<?> type = value.getClass();
    if (type == Boolean.class) {
      return "boolean";
    } else if (type == Character.class) {
      return "char";
    } else if (type == java.sql.Date.class || type == java.time.LocalDate.class) {
      return "date";
    } else if (type == java.sql.Time.class || type == java.time.LocalTime.class
        || type == java.time.OffsetTime.class) {
      return "time";
    } else if (type == java.sql.Timestamp.class || type == java.time.LocalDateTime.class
        || type == java.time.OffsetDateTime.class || type == java.time.ZonedDateTime.class
        || type == java.time.Instant.class || type == java.util.Date.class) {
      return "timestamp";
    } else if (type == java.util.UUID.class) {
      return "uuid";
    }
    return null;
  }

  /** What anything else is, by kind only; JDK types are named, application types are not. */
  private static String other(Object value) {
    if (value instanceof java.io.InputStream) {
      return "stream";
    } else if (value instanceof java.io.Reader) {
      return "characters";
    } else if (value instanceof java.sql.Blob) {
      return "blob";
    } else if (value instanceof java.sql.Clob) {
      return "clob";
    } else if (value instanceof java.sql.Array || value.getClass().isArray()) {
      return "array";
    } else if (value instanceof Enum) {
      return "enum";
    }
    return "object";
  }
}
