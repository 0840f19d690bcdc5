package io.querylens.agent.record;

import java.util.Arrays;

/**
 * Hashes bound parameter values so that executions can be compared without keeping any value.
 *
 * <p>Values of the JDBC value types ({@code String}, numbers, dates, {@code byte[]}) hash by
 * content; streams and readers by identity, so they always count as new values.
 */
final class ParameterHash {
  /** Bytes hashed from a large binary value: enough to tell values apart, bounded in cost. */
  private static final int MAX_BYTES = 256;

  private ParameterHash() {}

  static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof byte[]) {
      byte[] bytes = (byte[]) value;
      return bytes.length <= MAX_BYTES ? Arrays.hashCode(bytes)
          : Arrays.hashCode(Arrays.copyOf(bytes, MAX_BYTES)) * 31L + bytes.length;
    }
    if (value instanceof Object[]) {
      return Arrays.hashCode((Object[]) value);
    }
    if (value instanceof java.io.InputStream || value instanceof java.io.Reader) {
      return System.identityHashCode(value);
    }
    return value.hashCode();
  }

  /** Whether the value carries many keys at once: an array bound for {@code = any(?)} or {@code IN (UNNEST(?))}. */
  static boolean isMultiValue(Object value) {
    return value instanceof java.sql.Array
        || value != null && value.getClass().isArray() && !(value instanceof byte[]) && !(value instanceof char[]);
  }
}
