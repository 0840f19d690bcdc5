package io.querylens.agent.record;

import java.util.concurrent.atomic.AtomicLong;

/** What the agent knows of one connection object: a JVM-unique id and its database system. */
final class ConnectionInfo {
  private static final AtomicLong IDS = new AtomicLong();

  static final ConnectionInfo UNKNOWN = new ConnectionInfo(0, DbSystem.UNKNOWN);

  final long id;
  final String dbSystem;

  /**
   * Whether auto-commit is off, so statements run in a transaction the application commits; set by
   * whichever thread calls {@code setAutoCommit}, read by the thread that executes.
   */
  volatile boolean manualCommit;

  ConnectionInfo(long id, String dbSystem) {
    this.id = id;
    this.dbSystem = dbSystem;
  }

  static ConnectionInfo next(String dbSystem) {
    return new ConnectionInfo(IDS.incrementAndGet(), dbSystem);
  }
}
