package io.querylens.agent.record;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;

/**
 * The recorder's per-thread scratch: a lookup probe and the result set being read.
 *
 * <p>Confined to its thread (it hangs off the thread's {@code CallState}), so nothing is guarded.
 * The result set reference is dropped as soon as it is exhausted, closed or replaced.
 */
final class RecorderThreadState {
  final WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe();

  /** The result set whose rows are being counted, or null. */
  Object resultSet;

  /** The execution that produced it, or null when unknown (rows are then not attributed). */
  StatementEvent event;

  /** Rows read from it and not yet handed to the listeners. */
  long rows;

  void startReading(Object newResultSet, StatementEvent newEvent, StatementEventListener[] listeners) {
    finishReading(listeners);
    resultSet = newResultSet;
    event = newEvent;
  }

  void finishReading(StatementEventListener[] listeners) {
    StatementEvent done = event;
    long read = rows;
    resultSet = null;
    event = null;
    rows = 0;
    if (done != null && read > 0) {
      done.addRowsRead(read);
      for (StatementEventListener listener : listeners) {
        listener.onRowsRead(done, read);
      }
    }
  }
}
