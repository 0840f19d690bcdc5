package io.querylens.analyzer.fingerprint;

/**
 * Rewrites placeholder lists in the output as they close: {@code (?, ?, ?)} becomes {@code (?+)},
 * {@code [?, ?]} becomes {@code [?+]}, and a run of standalone tuples {@code (?+), (?+)} (multi-row
 * {@code VALUES}, row-value {@code IN}) becomes one {@code (?+)}.
 *
 * <p>So an {@code IN} list of any length, including one, and an insert of any row count share a
 * fingerprint. Open brackets are kept on an explicit stack, never by recursion; a collapsed list
 * is cut from the output once, so the total work stays linear in the input. One instance per call;
 * not thread-safe.
 */
final class ListCollapser {

  private static final byte EXPECT_ITEM = 0;
  private static final byte AFTER_ITEM = 1;
  private static final byte MIXED = 2;

  private char[] kinds = new char[16];
  private int[] opens = new int[16];
  private byte[] states = new byte[16];
  private boolean[] standalone = new boolean[16];
  private boolean[] continuesRun = new boolean[16];
  private int depth;

  /** Output length right after the last collapsed standalone tuple. */
  private int runEnd = -1;

  private boolean lastWasRunTuple;
  private boolean lastWasCommaAfterRunTuple;

  boolean isTop(char kind) {
    return depth > 0 && kinds[depth - 1] == kind;
  }

  /**
   * Records an opening bracket just appended to the output.
   *
   * @param afterOpen output length just after the bracket
   * @param isStandalone whether the bracket follows something other than a name, i.e. it is a
   *     tuple or subquery rather than a function's argument list or a subscript
   */
  void open(char kind, int afterOpen, boolean isStandalone) {
    boolean continues = lastWasCommaAfterRunTuple;
    other();
    if (depth == kinds.length) {
      grow();
    }
    kinds[depth] = kind;
    opens[depth] = afterOpen;
    states[depth] = EXPECT_ITEM;
    standalone[depth] = isStandalone;
    continuesRun[depth] = continues;
    depth++;
  }

  void placeholder() {
    lastWasRunTuple = false;
    lastWasCommaAfterRunTuple = false;
    if (depth > 0) {
      states[depth - 1] = states[depth - 1] == EXPECT_ITEM ? AFTER_ITEM : MIXED;
    }
  }

  void comma() {
    lastWasCommaAfterRunTuple = lastWasRunTuple;
    lastWasRunTuple = false;
    if (depth > 0) {
      states[depth - 1] = states[depth - 1] == AFTER_ITEM ? EXPECT_ITEM : MIXED;
    }
  }

  /** Any token that is neither a placeholder nor a comma. */
  void other() {
    lastWasRunTuple = false;
    lastWasCommaAfterRunTuple = false;
    markTopMixed();
  }

  /** Closes the innermost bracket, which the caller checked with {@link #isTop}. */
  void close(StringBuilder out, char closer) {
    int i = --depth;
    if (states[i] != AFTER_ITEM) {
      out.append(closer);
      other();
      return;
    }
    out.setLength(opens[i]);
    out.append('?').append('+').append(closer);
    if (standalone[i]) {
      if (continuesRun[i]) {
        out.setLength(runEnd); // drop ", (?+)": the previous tuple already stands for this one
      } else {
        runEnd = out.length();
      }
      lastWasRunTuple = true;
    } else {
      lastWasRunTuple = false;
    }
    lastWasCommaAfterRunTuple = false;
    markTopMixed();
  }

  void reset() {
    depth = 0;
    runEnd = -1;
    lastWasRunTuple = false;
    lastWasCommaAfterRunTuple = false;
  }

  private void markTopMixed() {
    if (depth > 0) {
      states[depth - 1] = MIXED;
    }
  }

  private void grow() {
    int size = kinds.length * 2;
    kinds = java.util.Arrays.copyOf(kinds, size);
    opens = java.util.Arrays.copyOf(opens, size);
    states = java.util.Arrays.copyOf(states, size);
    standalone = java.util.Arrays.copyOf(standalone, size);
    continuesRun = java.util.Arrays.copyOf(continuesRun, size);
  }
}
