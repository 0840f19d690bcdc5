package io.querylens.agent.record;

import io.querylens.analyzer.event.StatementEvent;

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

  StatementState(String preparedSql, ConnectionInfo connection) {
    this.preparedSql = preparedSql;
    this.connection = connection;
  }
}
