package io.querylens.agent.record;

import io.querylens.agent.config.ParameterMask;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The masked bind values of one prepared statement, kept only with {@code captureParameters=true}.
 *
 * <p>Each value is rendered by {@link MaskedValue} as it is bound, so no reference to it outlives
 * the {@code setXxx} call. Like JDBC, bound values stay until they are set again, so a statement run
 * twice without rebinding shows the same values twice. {@link #snapshot()} hands the current values
 * to an execution without copying them; the next binding copies first (copy on write), so the
 * snapshot never changes under its reader.
 *
 * <p>Used by the statement's own thread only, as {@link StatementState} is.
 */
final class CapturedParameters {
  /** Values shown per statement; a statement binding more shows the first ones and a count of the rest. */
  static final int MAX_SHOWN = 32;

  private final ParameterMask mask;
  private String[] values = new String[8];
  private int count;
  private int beyond;
  private boolean shared;

  CapturedParameters(ParameterMask mask) {
    this.mask = mask;
  }

  /** Keeps the masked form of the value bound at {@code index} (1-based). */
  void bind(int index, Object value) {
    if (index < 1) {
      return;
    }
    if (index > MAX_SHOWN) {
      beyond = Math.max(beyond, index - MAX_SHOWN);
      return;
    }
    if (shared || index > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length, Math.min(MAX_SHOWN, Math.max(index, 2 * values.length))));
      shared = false;
    }
    values[index - 1] = MaskedValue.of(value, mask);
    count = Math.max(count, index);
  }

  /** The values bound now, in index order; {@code null} when none has been bound. */
  List<String> snapshot() {
    if (count == 0) {
      return null;
    }
    shared = true;
    return new Values(values, count, beyond);
  }

  /** An immutable view of one execution's values; slots never bound read {@code (unset)}. */
  private static final class Values extends AbstractList<String> implements RandomAccess {
    private final String[] values;
    private final int count;
    private final int beyond;

    Values(String[] values, int count, int beyond) {
      this.values = values;
      this.count = count;
      this.beyond = beyond;
    }

    @Override
    public String get(int index) {
      if (index == count && beyond > 0) {
        return "… " + beyond + " more";
      }
      String value = values[java.util.Objects.checkIndex(index, size())];
      return value == null ? "(unset)" : value;
    }

    @Override
    public int size() {
      return beyond > 0 ? count + 1 : count;
    }
  }
}
