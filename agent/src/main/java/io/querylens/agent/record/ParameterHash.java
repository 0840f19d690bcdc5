package io.querylens.agent.record;

import java.util.Arrays;

/**
 * Hashes bound parameter values so that executions can be compared without keeping any value.
 *
 * <p>Values of the JDBC value types ({@code String}, numbers, dates and times, {@code UUID},
 * enums, {@code byte[]}) hash by content; anything else (streams, arrays, application objects) by
 * identity, so it always counts as a new value and never runs application code.
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
    if (isValueType(value)) {
      return value.hashCode();
    }
    // Anything else (an entity, a JSON tree, a stream) may hash slowly, recursively or by running
    // SQL of its own: compare it by identity, so it always counts as a new value.
    return System.identityHashCode(value);
  }

  /** The JDBC value types, whose hash is cheap and by content. */
  private static boolean isValueType(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof java.util.Date || value instanceof java.time.temporal.Temporal
        || value instanceof java.util.UUID || value instanceof Enum;
  }

  /** Whether the value carries many keys at once: an array bound for {@code = any(?)} or {@code IN (UNNEST(?))}. */
  static boolean isMultiValue(Object value) {
    return value instanceof java.sql.Array
        || value != null && value.getClass().isArray() && !(value instanceof byte[]) && !(value instanceof char[]);
  }
}
