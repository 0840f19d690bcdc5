package io.querylens.agent.record;

import io.querylens.analyzer.event.StatementEvent;
import java.util.Arrays;

/**
 * What the agent remembers of one statement object between its creation and its close.
 *
 * <p>Fields other than the final ones are touched by the thread using the statement; JDBC
 * statements are not meant to be shared between threads, and a race here only blurs a batch size.
 */
final class StatementState {
  /** The prepared SQL, or null for a plain statement. */
  final String preparedSql;

  final ConnectionInfo connection;

  /** Statements added with {@code addBatch} since the last {@code executeBatch}. */
  int pendingBatch;

  /** The first SQL added with {@code addBatch(String)} to a plain statement's pending batch. */
  String batchSql;

  /** The last execution of this statement, so rows read later from its result set find it. */
  StatementEvent lastEvent;

  /**
   * A hash per bound parameter index (index 1 at slot 0); JDBC keeps bound values across executions
   * until they are set again, and so does this. Indexes beyond {@link #MAX_TRACKED_PARAMETERS} fold
   * into the last slot, which starts over with the first binding after an execution.
   */
  private long[] parameterHashes;

  /** One bit per slot whose value holds many values (an array); the last bit stands for the folded ones. */
  private long multiValueSlots;

  /** Whether the statement ran since the last binding: the folded slot then starts over. */
  private boolean executedSinceBinding;

  /** The masked bound values; null unless {@code captureParameters=true} and a value was bound. */
  CapturedParameters captured;

  StatementState(String preparedSql, ConnectionInfo connection) {
    this.preparedSql = preparedSql;
    this.connection = connection;
  }

  /** Records the hash of the value bound at {@code index} (1-based). */
  void bind(int index, long valueHash, boolean multiValue) {
    long[] hashes = parameterHashes;
    if (hashes == null || index > hashes.length && hashes.length < MAX_TRACKED_PARAMETERS) {
      hashes = parameterHashes = Arrays.copyOf(hashes == null ? new long[0] : hashes,
          Math.min(MAX_TRACKED_PARAMETERS, Math.max(8, index)));
    }
    int slot = Math.min(Math.max(index, 1), hashes.length) - 1;
    if (index > hashes.length) {
      // Only statements with hundreds of parameters get here; they are bound in order each time.
      long folded = executedSinceBinding ? 0 : hashes[slot];
      hashes[slot] = folded * 31 + valueHash;
    } else {
      hashes[slot] = valueHash;
    }
    executedSinceBinding = false;
    int bit = Math.min(slot, 63);
    multiValueSlots = multiValue ? multiValueSlots | 1L << bit : multiValueSlots & ~(1L << bit);
  }

  /** Whether a bound parameter now holds many values (an array), as batch fetches with {@code = any(?)} bind. */
  boolean multiValueParameter() {
    return multiValueSlots != 0;
  }

  /** One hash of all bound values, 0 when none were bound; marks the statement as executed. */
  long parameterHash() {
    executedSinceBinding = true;
    long[] hashes = parameterHashes;
    if (hashes == null) {
      return 0;
    }
    long hash = 1;
    for (long h : hashes) {
      hash = hash * 1_000_003L + h;
    }
    return hash;
  }

  /** Parameters tracked one by one; beyond, they fold into the last slot. */
  private static final int MAX_TRACKED_PARAMETERS = 256;
}
