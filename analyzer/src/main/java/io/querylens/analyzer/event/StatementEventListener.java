package io.querylens.analyzer.event;

/**
 * Receives every statement execution; detectors and statistics implement it.
 *
 * <p>Called on the application's thread, once per execution: implementations must be fast, must not
 * block and must not throw.
 */
public interface StatementEventListener {
  /** An execution finished. */
  void onStatement(StatementEvent event);

  /** The application finished reading the result set of {@code event}: {@code rows} more rows. */
  default void onRowsRead(StatementEvent event, long rows) {}
}
